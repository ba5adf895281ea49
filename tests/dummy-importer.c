/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dummy-importer.h"

struct _DummyImporter
{
  TesseraImporter parent_instance;
};

G_DEFINE_FINAL_TYPE (DummyImporter, dummy_importer, TESSERA_TYPE_IMPORTER)

#define SIGNATURE "CARDS\n"

static const char * const dummy_extensions[] = { "cards", NULL };

static guint
dummy_importer_sniff (TesseraImporter *importer,
                      const char      *path,
                      const guint8    *data,
                      gsize            length)
{
  if (length >= strlen (SIGNATURE) && memcmp (data, SIGNATURE, strlen (SIGNATURE)) == 0)
    return 95;
  return 0;
}

/* The project's entity named @name, or a new one, of @type. */
static TesseraEntityRecord *
entity_for_name (TesseraStore          *store,
                 TesseraImportBatch    *batch,
                 const char            *name,
                 TesseraAnnotationType *type)
{
  GListModel *entities = tessera_store_get_entities (store);
  TesseraEntityRecord *entity;

  for (guint i = 0; i < batch->entities->len; i++)
    {
      entity = g_ptr_array_index (batch->entities, i);
      if (g_str_equal (entity->name, name))
        return entity;
    }

  entity = tessera_entity_record_new ();
  entity->name = g_strdup (name);
  entity->type = g_object_ref (type);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(TesseraEntity) stored = g_list_model_get_item (entities, i);

      if (g_str_equal (tessera_entity_get_name (stored), name))
        entity->id = tessera_entity_get_id (stored);
    }
  g_ptr_array_add (batch->entities, entity);
  return entity;
}

static TesseraImportBatch *
dummy_importer_read_file (TesseraImporter  *importer,
                          TesseraStore     *store,
                          const char       *path,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(TesseraImportBatch) batch = tessera_import_batch_new ();
  g_autoptr(TesseraAnnotationType) type = tessera_store_find_annotation_type (store,
                                                                            "card-name");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  if (!g_str_has_prefix (contents, SIGNATURE))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED,
                   "not a deck of cards");
      return NULL;
    }
  if (type == NULL)
    {
      type = tessera_annotation_type_new ("card-name", "Card name", TESSERA_KIND_ENTITY);
      g_ptr_array_add (batch->new_types, g_object_ref (type));
    }

  lines = g_strsplit (contents + strlen (SIGNATURE), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "|", 3);
      TesseraDocumentRecord *document;
      const char *mention;

      if (*lines[i] == '\0')
        continue;
      if (g_strv_length (fields) != 3)
        {
          g_ptr_array_add (batch->warnings, g_strdup_printf ("line %u is not a card", i + 2));
          continue;
        }

      document = tessera_document_record_new ();
      document->info.title = g_strdup (fields[0]);
      document->text = g_utf8_normalize (fields[1], -1, G_NORMALIZE_NFC);
      g_ptr_array_add (batch->documents, document);

      mention = *fields[2] != '\0' ? strstr (document->text, fields[2]) : NULL;
      if (mention != NULL)
        {
          TesseraAnnotationRecord *annotation = tessera_annotation_record_new ();
          TesseraRange range;

          range.start = g_utf8_pointer_to_offset (document->text, mention);
          range.end = range.start + g_utf8_strlen (fields[2], -1);
          annotation->type = g_object_ref (type);
          g_array_append_val (annotation->ranges, range);
          annotation->entity = entity_for_name (store, batch, fields[2], type);
          g_ptr_array_add (document->annotations, annotation);
        }
    }
  return g_steal_pointer (&batch);
}

static void
dummy_importer_class_init (DummyImporterClass *klass)
{
  TesseraImporterClass *importer_class = TESSERA_IMPORTER_CLASS (klass);

  importer_class->id = "cards";
  importer_class->name = "Index cards";
  importer_class->extensions = dummy_extensions;
  importer_class->mime_type = "text/x-tessera-cards";
  importer_class->sniff = dummy_importer_sniff;
  importer_class->read_file = dummy_importer_read_file;
}

static void
dummy_importer_init (DummyImporter *self)
{
}
