from django.db import migrations

import products.catalogue_sql


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0009_product_related_index"),
    ]

    operations = [
        migrations.RunPython(
            products.catalogue_sql.install_category_order,
            products.catalogue_sql.uninstall_category_order,
        ),
    ]
