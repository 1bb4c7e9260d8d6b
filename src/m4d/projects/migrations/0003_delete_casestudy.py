"""The case studies now live in the toolbox (see toolbox.0003, which copied the rows first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_project_updated_index"),
        ("toolbox", "0003_case_studies_move_to_toolbox"),
    ]

    operations = [
        migrations.DeleteModel(name="CaseStudy"),
    ]
