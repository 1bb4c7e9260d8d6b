"""Case studies move from projects to the toolbox, keeping their rows (and primary keys, so the
options' and building blocks' links to them stay valid); `projects.0003` then drops the old table.
Reversible: going back copies the rows to the projects table before the links are pointed back."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

FIELDS = (
    "id",
    "box",
    "project_id",
    "section",
    "cited_in",
    "citation",
    *(
        f"{name}{suffix}"
        for name in ("title", "summary", "what_was_done", "tools", "lessons")
        for suffix in ("", "_en", "_fr")
    ),
)


def _copy(source, target, schema_editor) -> None:
    rows = source.objects.using(schema_editor.connection.alias).values(*FIELDS)
    target.objects.using(schema_editor.connection.alias).bulk_create(
        [target(**row) for row in rows]
    )
    # Rows were written with their ids: move PostgreSQL's sequence past them.
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [target]):
            cursor.execute(sql)


def copy_to_toolbox(apps, schema_editor) -> None:
    _copy(
        apps.get_model("projects", "CaseStudy"),
        apps.get_model("toolbox", "CaseStudy"),
        schema_editor,
    )


def copy_back_to_projects(apps, schema_editor) -> None:
    _copy(
        apps.get_model("toolbox", "CaseStudy"),
        apps.get_model("projects", "CaseStudy"),
        schema_editor,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_project_updated_index"),
        ("toolbox", "0002_shared_section_entry"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseStudy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("box", models.PositiveSmallIntegerField(unique=True, verbose_name="box number")),
                ("section", models.CharField(max_length=10, verbose_name="handbook section")),
                (
                    "cited_in",
                    models.JSONField(blank=True, default=list, verbose_name="sections citing it"),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("title_en", models.CharField(max_length=300, null=True, verbose_name="title")),
                ("title_fr", models.CharField(max_length=300, null=True, verbose_name="title")),
                ("summary", models.TextField(verbose_name="summary")),
                ("summary_en", models.TextField(null=True, verbose_name="summary")),
                ("summary_fr", models.TextField(null=True, verbose_name="summary")),
                ("what_was_done", models.TextField(blank=True, verbose_name="what was done")),
                (
                    "what_was_done_en",
                    models.TextField(blank=True, null=True, verbose_name="what was done"),
                ),
                (
                    "what_was_done_fr",
                    models.TextField(blank=True, null=True, verbose_name="what was done"),
                ),
                (
                    "tools",
                    models.JSONField(
                        blank=True, default=list, verbose_name="tools and systems used"
                    ),
                ),
                (
                    "tools_en",
                    models.JSONField(
                        blank=True, default=list, null=True, verbose_name="tools and systems used"
                    ),
                ),
                (
                    "tools_fr",
                    models.JSONField(
                        blank=True, default=list, null=True, verbose_name="tools and systems used"
                    ),
                ),
                ("lessons", models.JSONField(blank=True, default=list, verbose_name="lessons")),
                (
                    "lessons_en",
                    models.JSONField(blank=True, default=list, null=True, verbose_name="lessons"),
                ),
                (
                    "lessons_fr",
                    models.JSONField(blank=True, default=list, null=True, verbose_name="lessons"),
                ),
                ("citation", models.CharField(max_length=120, verbose_name="citation")),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="case_studies",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "case study",
                "verbose_name_plural": "case studies",
                "ordering": ["box"],
            },
        ),
        migrations.RunPython(copy_to_toolbox, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="buildingblock",
            name="boxes",
            field=models.ManyToManyField(
                blank=True,
                related_name="toolbox_%(class)ss",
                to="toolbox.casestudy",
                verbose_name="case studies",
            ),
        ),
        migrations.AlterField(
            model_name="option",
            name="boxes",
            field=models.ManyToManyField(
                blank=True,
                related_name="toolbox_%(class)ss",
                to="toolbox.casestudy",
                verbose_name="case studies",
            ),
        ),
        # Runs first when migrating backwards: the old table must hold the rows before the links
        # point back to it.
        migrations.RunPython(migrations.RunPython.noop, copy_back_to_projects),
    ]
