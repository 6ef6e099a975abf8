from django.db import migrations

import products.catalogue_sql


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0006_searchterm_word_counts"),
        ("booths", "0003_exhibitor_story_and_address_length"),
    ]

    operations = [
        migrations.RunPython(products.catalogue_sql.install, products.catalogue_sql.uninstall),
    ]
