"""PostgreSQL objects behind the catalogue's cold path, installed by migration 0007.

``products_catalogueentry`` holds one narrow row per product with everything the
catalogue searches, filters, counts and sorts by: whether the product is public, its
category, its business's province, placement country, export readiness and support
programmes, its certificates' end dates, order size, prices, publication time and its
two search vectors. Triggers keep it current from the products, their certificates,
the businesses and the businesses' programmes, so it is never stale.

Why a table of its own: a product row is about 2.4 KB (texts in three columns each,
two vectors), so the full-text index's thousands of matches for a common word touched
most pages of the product table, five times a page. Here a row is about 400 bytes: the
full search vector is stored out of line (``toast_tuple_target``; it is read from the
index, never from the row), the name vector stays in the row for ranking.

Certificates: ``cert_until[i]`` is the end date of the product's certificate of the
i-th kind of ``CERT_KINDS`` ('infinity' when it has none, NULL when the product holds
no certificate of that kind); ``cert_kinds`` has bit i-1 set for each kind held, and
``cert_first_until`` and ``cert_last_until`` are the earliest and latest end dates
('infinity' and '-infinity' without certificates), so "all in force" and "none in
force" are one comparison each and only a product with some ended and some in force
looks at the dates one by one.
Whether a certificate is in force is decided at query time, with the day in Jakarta.
"""

# The order of the kinds in ``cert_until`` and the bits of ``cert_kinds``. Fixed here
# (a migration installs it); a test checks it lists every CertificationKind, in order.
CERT_KINDS = ("halal", "bpom_md", "bpom_ml", "pirt", "sni", "svlk", "organic", "haccp", "other")

_KINDS_SQL = "ARRAY[" + ", ".join(f"'{kind}'" for kind in CERT_KINDS) + "]::varchar[]"

_COLUMNS = (
    "exhibitor_id, public, category_id, province, country, export_ready, programmes, "
    "cert_kinds, cert_until, cert_first_until, cert_last_until, moq, price_min_usd, price_max_usd, "
    "published_at, name_vector, search_vector"
)

# Only the constants above are formatted in; nothing a visitor sends.
FORWARD = rf"""
CREATE TABLE products_catalogueentry (
    product_id bigint PRIMARY KEY,
    exhibitor_id bigint NOT NULL,
    public boolean NOT NULL,
    category_id bigint NOT NULL,
    province varchar(2) NOT NULL,
    country varchar(2) NOT NULL,
    export_ready boolean NOT NULL,
    programmes bigint[] NOT NULL,
    cert_kinds integer NOT NULL,
    cert_until date[] NOT NULL,
    cert_first_until date NOT NULL,
    cert_last_until date NOT NULL,
    moq integer NOT NULL,
    price_min_usd numeric(16, 2),
    price_max_usd numeric(16, 2),
    published_at timestamptz,
    name_vector tsvector,
    search_vector tsvector
) WITH (toast_tuple_target = 128);
ALTER TABLE products_catalogueentry
    ALTER COLUMN search_vector SET STORAGE EXTERNAL,
    ALTER COLUMN name_vector SET STORAGE MAIN,
    ALTER COLUMN programmes SET STORAGE MAIN,
    ALTER COLUMN cert_until SET STORAGE MAIN;

-- The rows of these products, computed afresh from the tables they come from.
CREATE OR REPLACE FUNCTION products_catalogueentry_refresh(ids bigint[]) RETURNS void AS $$
    INSERT INTO products_catalogueentry (product_id, {_COLUMNS})
    SELECT p.id, p.exhibitor_id,
           p.review_status = 'approved' AND NOT p.is_archived AND e.review_status = 'approved',
           p.category_id, e.province, e.former_placement_country,
           e.export_readiness IN ('ready', 'exporting'),
           ARRAY(SELECT s.supportprogramme_id FROM booths_exhibitor_support_programmes s
                  WHERE s.exhibitor_id = e.id ORDER BY 1),
           coalesce(c.kinds, 0), coalesce(c.until, '{{}}'), coalesce(c.first_until, 'infinity'),
           coalesce(c.last_until, '-infinity'),
           p.moq, p.price_min_usd, p.price_max_usd, p.published_at, p.name_vector, p.search_vector
      FROM products_product p
      JOIN booths_exhibitor e ON e.id = p.exhibitor_id
      LEFT JOIN LATERAL (
           SELECT bit_or(1 << (k.n::int - 1)) FILTER (WHERE ct.id IS NOT NULL) AS kinds,
                  array_agg(CASE WHEN ct.id IS NOT NULL THEN coalesce(ct.valid_until, 'infinity')
                            END ORDER BY k.n) AS until,
                  min(coalesce(ct.valid_until, 'infinity')) FILTER (WHERE ct.id IS NOT NULL)
                      AS first_until,
                  max(coalesce(ct.valid_until, 'infinity')) FILTER (WHERE ct.id IS NOT NULL)
                      AS last_until
             FROM unnest({_KINDS_SQL}) WITH ORDINALITY AS k(kind, n)
             LEFT JOIN products_certification ct ON ct.product_id = p.id AND ct.kind = k.kind
           HAVING count(ct.id) > 0
      ) c ON true
     WHERE p.id = ANY(ids)
     ORDER BY p.id  -- rows locked in one order, so two writers wait instead of deadlocking
    ON CONFLICT (product_id) DO UPDATE SET ({_COLUMNS}) = (
           EXCLUDED.exhibitor_id, EXCLUDED.public, EXCLUDED.category_id, EXCLUDED.province,
           EXCLUDED.country, EXCLUDED.export_ready, EXCLUDED.programmes, EXCLUDED.cert_kinds,
           EXCLUDED.cert_until, EXCLUDED.cert_first_until, EXCLUDED.cert_last_until,
           EXCLUDED.moq, EXCLUDED.price_min_usd,
           EXCLUDED.price_max_usd, EXCLUDED.published_at, EXCLUDED.name_vector,
           EXCLUDED.search_vector);
$$ LANGUAGE sql;

-- Products: once per statement over all the rows it wrote (a bulk load refreshes
-- thousands of rows in one go).
CREATE OR REPLACE FUNCTION products_catalogueentry_product() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM products_catalogueentry WHERE product_id IN (SELECT id FROM old_rows);
    ELSE
        PERFORM products_catalogueentry_refresh(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_catalogueentry_insert AFTER INSERT ON products_product
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_product();
CREATE TRIGGER products_catalogueentry_update AFTER UPDATE ON products_product
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_product();
CREATE TRIGGER products_catalogueentry_delete AFTER DELETE ON products_product
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_product();

CREATE OR REPLACE FUNCTION products_catalogueentry_truncate() RETURNS trigger AS $$
BEGIN
    TRUNCATE products_catalogueentry;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_catalogueentry_truncate AFTER TRUNCATE ON products_product
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_truncate();

-- Certificates: their products.
CREATE OR REPLACE FUNCTION products_catalogueentry_certification() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM products_catalogueentry_refresh(ARRAY(SELECT product_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM products_catalogueentry_refresh(ARRAY(SELECT product_id FROM old_rows));
    ELSE
        PERFORM products_catalogueentry_refresh(
            ARRAY(SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_catalogueentry_cert_insert AFTER INSERT ON products_certification
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_certification();
CREATE TRIGGER products_catalogueentry_cert_update AFTER UPDATE ON products_certification
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_certification();
CREATE TRIGGER products_catalogueentry_cert_delete AFTER DELETE ON products_certification
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_certification();

-- Businesses: the products of those whose review, province, country or export
-- readiness changed.
CREATE OR REPLACE FUNCTION products_catalogueentry_exhibitor() RETURNS trigger AS $$
BEGIN
    PERFORM products_catalogueentry_refresh(ARRAY(
        SELECT p.id
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          JOIN products_product p ON p.exhibitor_id = n.id
         WHERE (n.review_status, n.province, n.former_placement_country, n.export_readiness)
               IS DISTINCT FROM
               (o.review_status, o.province, o.former_placement_country, o.export_readiness)));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_catalogueentry_exhibitor AFTER UPDATE ON booths_exhibitor
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_exhibitor();

-- A business joins or leaves a support programme: its products.
CREATE OR REPLACE FUNCTION products_catalogueentry_programme() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM products_catalogueentry_refresh(ARRAY(
            SELECT p.id FROM products_product p
             WHERE p.exhibitor_id IN (SELECT exhibitor_id FROM new_rows)));
    ELSE
        PERFORM products_catalogueentry_refresh(ARRAY(
            SELECT p.id FROM products_product p
             WHERE p.exhibitor_id IN (SELECT exhibitor_id FROM old_rows)));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_catalogueentry_programme_insert
AFTER INSERT ON booths_exhibitor_support_programmes
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_programme();
CREATE TRIGGER products_catalogueentry_programme_delete
AFTER DELETE ON booths_exhibitor_support_programmes
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_catalogueentry_programme();

SELECT products_catalogueentry_refresh(ARRAY(SELECT id FROM products_product));

CREATE INDEX products_catalogueentry_search ON products_catalogueentry
    USING gin (search_vector) WHERE public;
CREATE INDEX products_catalogueentry_newest ON products_catalogueentry
    (published_at DESC, product_id DESC) WHERE public;
CREATE INDEX products_catalogueentry_cheapest ON products_catalogueentry
    (price_min_usd ASC NULLS LAST, product_id DESC) WHERE public;
CREATE INDEX products_catalogueentry_dearest ON products_catalogueentry
    (price_max_usd DESC NULLS LAST, product_id DESC) WHERE public;
CREATE INDEX products_catalogueentry_exhibitor ON products_catalogueentry (exhibitor_id);
-- Everything the counts read without search text: counted from this index alone (a
-- fifth of the table's pages) while the visibility map is current, as autovacuum keeps it.
CREATE INDEX products_catalogueentry_counts ON products_catalogueentry (category_id)
    INCLUDE (province, country, export_ready, programmes, cert_kinds, cert_until,
             cert_first_until, cert_last_until, moq, price_min_usd, price_max_usd)
    WHERE public;
-- An exact name ranks first: found through these, not by reading every match's names.
CREATE INDEX products_product_name_en_upper ON products_product (upper(name_en::text));
CREATE INDEX products_product_name_ind_upper ON products_product (upper(name_ind::text));
"""  # noqa: S608

BACKWARD = r"""
DROP INDEX IF EXISTS products_product_name_ind_upper;
DROP INDEX IF EXISTS products_product_name_en_upper;
DROP TRIGGER IF EXISTS products_catalogueentry_programme_delete
    ON booths_exhibitor_support_programmes;
DROP TRIGGER IF EXISTS products_catalogueentry_programme_insert
    ON booths_exhibitor_support_programmes;
DROP TRIGGER IF EXISTS products_catalogueentry_exhibitor ON booths_exhibitor;
DROP TRIGGER IF EXISTS products_catalogueentry_cert_delete ON products_certification;
DROP TRIGGER IF EXISTS products_catalogueentry_cert_update ON products_certification;
DROP TRIGGER IF EXISTS products_catalogueentry_cert_insert ON products_certification;
DROP TRIGGER IF EXISTS products_catalogueentry_truncate ON products_product;
DROP TRIGGER IF EXISTS products_catalogueentry_delete ON products_product;
DROP TRIGGER IF EXISTS products_catalogueentry_update ON products_product;
DROP TRIGGER IF EXISTS products_catalogueentry_insert ON products_product;
DROP FUNCTION IF EXISTS products_catalogueentry_programme();
DROP FUNCTION IF EXISTS products_catalogueentry_exhibitor();
DROP FUNCTION IF EXISTS products_catalogueentry_certification();
DROP FUNCTION IF EXISTS products_catalogueentry_truncate();
DROP FUNCTION IF EXISTS products_catalogueentry_product();
DROP FUNCTION IF EXISTS products_catalogueentry_refresh(bigint[]);
DROP TABLE IF EXISTS products_catalogueentry;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


# Migration 0010: the table's rows kept in category order. A common word's matches are
# mostly products of a few categories (category names are in every vector), so in that
# order they share pages: "tenun" at 100,000 products reads 2,900 of the table's pages
# instead of 6,300. New and changed rows go wherever there is room, so the order is
# restored each night (``manage.py cluster_catalogue``, in the retention job).
CATEGORY_ORDER = """
CREATE INDEX products_catalogueentry_category_order
    ON products_catalogueentry (category_id, exhibitor_id);
ALTER TABLE products_catalogueentry CLUSTER ON products_catalogueentry_category_order;
"""

CATEGORY_ORDER_BACKWARD = "DROP INDEX IF EXISTS products_catalogueentry_category_order;"

# The table is locked (reads wait) while it is written anew: about 3 seconds at 100,000
# products on the 2-core development machine.
RESTORE_ORDER = "CLUSTER products_catalogueentry; ANALYZE products_catalogueentry;"


def install_category_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CATEGORY_ORDER)
        schema_editor.execute(RESTORE_ORDER)


def uninstall_category_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CATEGORY_ORDER_BACKWARD)
