"""PostgreSQL objects behind catalogue search, installed by migration 0002.

``products_product.search_vector`` is kept current by triggers: a product's own
texts in English and Indonesian, plus the names of its category (and parent) and
of its business, so a buyer's words find a product whichever of them they match.
Renaming a category or a business touches its products so their vectors follow.
The same trigger records the catalogue's words in ``products_searchterm``, the
vocabulary that typo correction picks from.
"""

FORWARD = r"""
CREATE OR REPLACE FUNCTION products_product_search_refresh() RETURNS trigger AS $$
DECLARE
    cat record;
    business text;
BEGIN
    SELECT c.name_en, c.name_ind, p.name_en AS parent_en, p.name_ind AS parent_ind
      INTO cat
      FROM products_category c LEFT JOIN products_category p ON p.id = c.parent_id
     WHERE c.id = NEW.category_id;
    SELECT e.name INTO business FROM booths_exhibitor e WHERE e.id = NEW.exhibitor_id;

    NEW.search_vector :=
           setweight(to_tsvector('english', coalesce(NEW.name_en, '')), 'A')
        || setweight(to_tsvector('indonesian', coalesce(NEW.name_ind, '')), 'A')
        || setweight(to_tsvector('simple', concat_ws(' ', NEW.name_en, NEW.name_ind)), 'A')
        || setweight(to_tsvector('english', concat_ws(' ', cat.name_en, cat.parent_en)), 'B')
        || setweight(to_tsvector('indonesian', concat_ws(' ', cat.name_ind, cat.parent_ind)), 'B')
        || setweight(to_tsvector('simple', concat_ws(' ', cat.name_en, cat.name_ind,
                                                     cat.parent_en, cat.parent_ind, business)), 'B')
        || setweight(to_tsvector('english',
                                 concat_ws(' ', NEW.materials_en, NEW.description_en)), 'C')
        || setweight(to_tsvector('indonesian',
                                 concat_ws(' ', NEW.materials_ind, NEW.description_ind)), 'C');

    INSERT INTO products_searchterm (word)
    SELECT DISTINCT word
      FROM regexp_split_to_table(
               lower(concat_ws(' ', NEW.name_en, NEW.name_ind, NEW.materials_en, NEW.materials_ind,
                               cat.name_en, cat.name_ind, business)),
               '[^[:alpha:]]+') AS word
     WHERE length(word) BETWEEN 3 AND 60
    ON CONFLICT (word) DO NOTHING;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_product_search_refresh
BEFORE INSERT OR UPDATE OF name_en, name_ind, description_en, description_ind,
                           materials_en, materials_ind, category_id, exhibitor_id
ON products_product
FOR EACH ROW EXECUTE FUNCTION products_product_search_refresh();

CREATE OR REPLACE FUNCTION products_category_search_touch() RETURNS trigger AS $$
BEGIN
    UPDATE products_product SET category_id = category_id
     WHERE category_id = NEW.id
        OR category_id IN (SELECT id FROM products_category WHERE parent_id = NEW.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_category_search_touch
AFTER UPDATE OF name_en, name_ind, parent_id ON products_category
FOR EACH ROW WHEN (OLD.name_en IS DISTINCT FROM NEW.name_en
                   OR OLD.name_ind IS DISTINCT FROM NEW.name_ind
                   OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
EXECUTE FUNCTION products_category_search_touch();

CREATE OR REPLACE FUNCTION booths_exhibitor_search_touch() RETURNS trigger AS $$
BEGIN
    UPDATE products_product SET exhibitor_id = exhibitor_id WHERE exhibitor_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER booths_exhibitor_search_touch
AFTER UPDATE OF name ON booths_exhibitor
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION booths_exhibitor_search_touch();

CREATE INDEX products_product_search_gin ON products_product USING gin (search_vector);
CREATE INDEX products_searchterm_word_trgm ON products_searchterm USING gin (word gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS products_searchterm_word_trgm;
DROP INDEX IF EXISTS products_product_search_gin;
DROP TRIGGER IF EXISTS booths_exhibitor_search_touch ON booths_exhibitor;
DROP FUNCTION IF EXISTS booths_exhibitor_search_touch();
DROP TRIGGER IF EXISTS products_category_search_touch ON products_category;
DROP FUNCTION IF EXISTS products_category_search_touch();
DROP TRIGGER IF EXISTS products_product_search_refresh ON products_product;
DROP FUNCTION IF EXISTS products_product_search_refresh();
"""


# Migration 0005: the same function also keeps ``name_vector``, the product's names
# alone, which ranks results without reading every matching description.
NAME_VECTOR = r"""
CREATE OR REPLACE FUNCTION products_product_search_refresh() RETURNS trigger AS $$
DECLARE
    cat record;
    business text;
BEGIN
    SELECT c.name_en, c.name_ind, p.name_en AS parent_en, p.name_ind AS parent_ind
      INTO cat
      FROM products_category c LEFT JOIN products_category p ON p.id = c.parent_id
     WHERE c.id = NEW.category_id;
    SELECT e.name INTO business FROM booths_exhibitor e WHERE e.id = NEW.exhibitor_id;

    NEW.name_vector :=
           setweight(to_tsvector('english', coalesce(NEW.name_en, '')), 'A')
        || setweight(to_tsvector('indonesian', coalesce(NEW.name_ind, '')), 'A')
        || setweight(to_tsvector('simple', concat_ws(' ', NEW.name_en, NEW.name_ind)), 'A');
    NEW.search_vector :=
           NEW.name_vector
        || setweight(to_tsvector('english', concat_ws(' ', cat.name_en, cat.parent_en)), 'B')
        || setweight(to_tsvector('indonesian', concat_ws(' ', cat.name_ind, cat.parent_ind)), 'B')
        || setweight(to_tsvector('simple', concat_ws(' ', cat.name_en, cat.name_ind,
                                                     cat.parent_en, cat.parent_ind, business)), 'B')
        || setweight(to_tsvector('english',
                                 concat_ws(' ', NEW.materials_en, NEW.description_en)), 'C')
        || setweight(to_tsvector('indonesian',
                                 concat_ws(' ', NEW.materials_ind, NEW.description_ind)), 'C');

    INSERT INTO products_searchterm (word)
    SELECT DISTINCT word
      FROM regexp_split_to_table(
               lower(concat_ws(' ', NEW.name_en, NEW.name_ind, NEW.materials_en, NEW.materials_ind,
                               cat.name_en, cat.name_ind, business)),
               '[^[:alpha:]]+') AS word
     WHERE length(word) BETWEEN 3 AND 60
    ON CONFLICT (word) DO NOTHING;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

UPDATE products_product SET category_id = category_id;
"""


def install_name_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NAME_VECTOR)


def uninstall_name_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Back to the function of migration 0002, which knows no name vector.
        schema_editor.execute(FORWARD[: FORWARD.index("CREATE TRIGGER")])


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


# Migration 0006: how many public products use each word, so typo correction can
# prefer the catalogue's common words ("cofe" is coffee, not core). Triggers of their
# own, on the product's own texts only: the counts follow every insert, edit, review
# decision, archiving and deletion exactly, whatever else a product's vector holds.
# Words known only from category or business names keep a count of 0.
WORD_COUNTS = r"""
CREATE OR REPLACE FUNCTION products_product_words(p products_product) RETURNS SETOF text AS $$
    SELECT DISTINCT word
      FROM regexp_split_to_table(
               lower(concat_ws(' ', p.name_en, p.name_ind, p.materials_en, p.materials_ind)),
               '[^[:alpha:]]+') AS word
     WHERE length(word) BETWEEN 3 AND 60
       AND p.review_status = 'approved'
       AND NOT p.is_archived
$$ LANGUAGE sql STABLE;

-- Adds each word's change in count; rows locked in word order first, so two writes at
-- the same time wait for each other instead of deadlocking.
CREATE OR REPLACE FUNCTION products_searchterm_apply(words text[], deltas int[]) RETURNS void AS $$
BEGIN
    PERFORM 1 FROM products_searchterm WHERE word = ANY(words) ORDER BY word FOR UPDATE;
    UPDATE products_searchterm t SET products = GREATEST(t.products + d.delta, 0)
      FROM unnest(words, deltas) AS d(word, delta)
     WHERE t.word = d.word AND d.delta < 0;
    INSERT INTO products_searchterm (word, products)
    SELECT d.word, d.delta FROM unnest(words, deltas) AS d(word, delta) WHERE d.delta > 0
     ORDER BY d.word
    ON CONFLICT (word) DO UPDATE SET products = products_searchterm.products + EXCLUDED.products;
END
$$ LANGUAGE plpgsql;

-- Once per statement, over all the rows it wrote: a bulk load of thousands of products
-- makes one change per word, not one per product and word.
CREATE OR REPLACE FUNCTION products_searchterm_count_insert() RETURNS trigger AS $$
BEGIN
    PERFORM products_searchterm_apply(array_agg(word ORDER BY word), array_agg(n ORDER BY word))
       FROM (SELECT w AS word, count(*)::int AS n
               FROM new_rows r, products_product_words(r) AS w GROUP BY w) AS c;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION products_searchterm_count_update() RETURNS trigger AS $$
BEGIN
    PERFORM products_searchterm_apply(array_agg(word ORDER BY word), array_agg(n ORDER BY word))
       FROM (SELECT word, sum(delta)::int AS n
               FROM (SELECT w AS word, -1 AS delta FROM old_rows r, products_product_words(r) AS w
                     UNION ALL
                     SELECT w, 1 FROM new_rows r, products_product_words(r) AS w) AS d
              GROUP BY word
             HAVING sum(delta) <> 0) AS c;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION products_searchterm_count_delete() RETURNS trigger AS $$
BEGIN
    PERFORM products_searchterm_apply(array_agg(word ORDER BY word), array_agg(-n ORDER BY word))
       FROM (SELECT w AS word, count(*)::int AS n
               FROM old_rows r, products_product_words(r) AS w GROUP BY w) AS c;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_searchterm_count_insert AFTER INSERT ON products_product
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_searchterm_count_insert();

CREATE TRIGGER products_searchterm_count_update AFTER UPDATE ON products_product
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_searchterm_count_update();

CREATE TRIGGER products_searchterm_count_delete AFTER DELETE ON products_product
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION products_searchterm_count_delete();

UPDATE products_searchterm SET products = 0;
INSERT INTO products_searchterm (word, products)
SELECT word, count(*) FROM products_product p, products_product_words(p) AS word GROUP BY word
ON CONFLICT (word) DO UPDATE SET products = EXCLUDED.products;

-- Typo correction looks for words of about the same length by their first two letters.
CREATE INDEX products_searchterm_first ON products_searchterm (left(word, 1), length(word));
CREATE INDEX products_searchterm_second ON products_searchterm (substr(word, 2, 1), length(word));
"""

WORD_COUNTS_BACKWARD = r"""
DROP INDEX IF EXISTS products_searchterm_second;
DROP INDEX IF EXISTS products_searchterm_first;
DROP TRIGGER IF EXISTS products_searchterm_count_delete ON products_product;
DROP TRIGGER IF EXISTS products_searchterm_count_update ON products_product;
DROP TRIGGER IF EXISTS products_searchterm_count_insert ON products_product;
DROP FUNCTION IF EXISTS products_searchterm_count_delete();
DROP FUNCTION IF EXISTS products_searchterm_count_update();
DROP FUNCTION IF EXISTS products_searchterm_count_insert();
DROP FUNCTION IF EXISTS products_searchterm_apply(text[], int[]);
DROP FUNCTION IF EXISTS products_product_words(products_product);
"""


def install_word_counts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WORD_COUNTS)


def uninstall_word_counts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WORD_COUNTS_BACKWARD)
