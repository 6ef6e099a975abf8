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
# prefer the catalogue's common words ("cofe" is coffee, not core). A trigger of its
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

CREATE OR REPLACE FUNCTION products_searchterm_count() RETURNS trigger AS $$
DECLARE
    -- OLD is null on insert and NEW on delete: no words then.
    old_words text[] := ARRAY(SELECT w FROM products_product_words(OLD) AS w ORDER BY w);
    new_words text[] := ARRAY(SELECT w FROM products_product_words(NEW) AS w ORDER BY w);
    removed text[];
    added text[];
BEGIN
    IF old_words = new_words THEN
        RETURN NULL;
    END IF;
    removed := ARRAY(SELECT unnest(old_words) EXCEPT SELECT unnest(new_words));
    added := ARRAY(SELECT w FROM (SELECT unnest(new_words) EXCEPT SELECT unnest(old_words)) AS a(w)
                    ORDER BY w);
    -- Lock the rows of the words in one order first: two products saved at the same time
    -- then wait for each other instead of deadlocking.
    PERFORM 1 FROM products_searchterm t WHERE t.word = ANY(removed || added)
      ORDER BY t.word FOR UPDATE;
    UPDATE products_searchterm t SET products = GREATEST(t.products - 1, 0)
     WHERE t.word = ANY(removed);
    INSERT INTO products_searchterm (word, products)
    SELECT w, 1 FROM unnest(added) AS w
    ON CONFLICT (word) DO UPDATE SET products = products_searchterm.products + 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_searchterm_count
AFTER INSERT OR DELETE OR UPDATE OF name_en, name_ind, materials_en, materials_ind,
                                    review_status, is_archived
ON products_product
FOR EACH ROW EXECUTE FUNCTION products_searchterm_count();

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
DROP TRIGGER IF EXISTS products_searchterm_count ON products_product;
DROP FUNCTION IF EXISTS products_searchterm_count();
DROP FUNCTION IF EXISTS products_product_words(products_product);
"""


def install_word_counts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WORD_COUNTS)


def uninstall_word_counts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WORD_COUNTS_BACKWARD)
