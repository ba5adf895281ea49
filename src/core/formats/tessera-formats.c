/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-formats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-formats.h"

#include "tessera-brat-exporter.h"
#include "tessera-brat-importer.h"
#include "tessera-importer-private.h"
#include "tessera-project-files-private.h"
#include "tessera-csv-exporter.h"
#include "tessera-tei-exporter.h"
#include "tessera-tei-importer.h"
#include "tessera-text-exporter.h"
#include "tessera-text-importer.h"
#include "tessera-webannotation-exporter.h"

/*
 * The formats Tessera reads and writes. Each is a TesseraImporter or TesseraExporter
 * subclass, registered here by one line; the command line, the import of a path and the
 * export dialog list them from here.
 */

/* How much of a file the importers look at to recognise it. */
#define SNIFF_BYTES (64 * 1024)

static GMutex formats_lock;
static GArray *importer_types;   /* GType */
static GArray *exporter_types;   /* GType */

static void
add_type (GArray **types,
          GType    type)
{
  if (*types == NULL)
    *types = g_array_new (FALSE, FALSE, sizeof (GType));
  for (guint i = 0; i < (*types)->len; i++)
    {
      if (g_array_index (*types, GType, i) == type)
        return;
    }
  g_array_append_val (*types, type);
}

/* The formats Tessera comes with: one line each, in the order they are listed. */
static void
ensure_builtin_formats (void)
{
  static gsize initialized;

  if (!g_once_init_enter (&initialized))
    return;

  tessera_formats_register_importer (TESSERA_TYPE_TEXT_IMPORTER);
  tessera_formats_register_importer (TESSERA_TYPE_TEI_IMPORTER);
  tessera_formats_register_importer (TESSERA_TYPE_BRAT_IMPORTER);
  tessera_formats_register_exporter (TESSERA_TYPE_TEXT_EXPORTER);
  tessera_formats_register_exporter (TESSERA_TYPE_TEI_EXPORTER);
  tessera_formats_register_exporter (TESSERA_TYPE_BRAT_EXPORTER);
  tessera_formats_register_exporter (TESSERA_TYPE_WEBANNOTATION_EXPORTER);
  tessera_formats_register_exporter (TESSERA_TYPE_CSV_EXPORTER);

  g_once_init_leave (&initialized, 1);
}

/**
 * tessera_formats_register_importer:
 * @importer_type: a #TesseraImporter subclass
 *
 * Adds an import format; the path imports, the command line and the window offer it.
 */
void
tessera_formats_register_importer (GType importer_type)
{
  g_return_if_fail (g_type_is_a (importer_type, TESSERA_TYPE_IMPORTER));

  g_mutex_lock (&formats_lock);
  add_type (&importer_types, importer_type);
  g_mutex_unlock (&formats_lock);
}

/**
 * tessera_formats_register_exporter:
 * @exporter_type: a #TesseraExporter subclass
 *
 * Adds an export format; the command line and the export dialog offer it.
 */
void
tessera_formats_register_exporter (GType exporter_type)
{
  g_return_if_fail (g_type_is_a (exporter_type, TESSERA_TYPE_EXPORTER));

  g_mutex_lock (&formats_lock);
  add_type (&exporter_types, exporter_type);
  g_mutex_unlock (&formats_lock);
}

static GPtrArray *
new_instances (GArray **types)
{
  GPtrArray *formats = g_ptr_array_new_with_free_func (g_object_unref);

  ensure_builtin_formats ();
  g_mutex_lock (&formats_lock);
  for (guint i = 0; *types != NULL && i < (*types)->len; i++)
    g_ptr_array_add (formats, g_object_new (g_array_index (*types, GType, i), NULL));
  g_mutex_unlock (&formats_lock);
  return formats;
}

/**
 * tessera_formats_list_importers:
 *
 * Returns: (transfer container) (element-type TesseraImporter): a new importer of each
 *   format, in the order they were registered
 */
GPtrArray *
tessera_formats_list_importers (void)
{
  return new_instances (&importer_types);
}

/**
 * tessera_formats_list_exporters:
 *
 * Returns: (transfer container) (element-type TesseraExporter): a new exporter of each
 *   format, with its default options, in the order they were registered
 */
GPtrArray *
tessera_formats_list_exporters (void)
{
  return new_instances (&exporter_types);
}

static const char *
get_format_id (gpointer format)
{
  return TESSERA_IS_IMPORTER (format) ? tessera_importer_get_id (format)
                                      : tessera_exporter_get_id (format);
}

static GObject *
new_format (GPtrArray   *formats,
            const char  *id,
            GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < formats->len; i++)
    {
      const char *format_id = get_format_id (g_ptr_array_index (formats, i));

      if (g_ascii_strcasecmp (format_id, id) == 0)
        return g_object_ref (g_ptr_array_index (formats, i));
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", format_id);
    }
  g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_UNKNOWN_FORMAT,
               _("There is no format “%s”; the formats are: %s"), id, known->str);
  return NULL;
}

/**
 * tessera_formats_new_importer:
 * @id: a format's id, such as "tei", in any case
 *
 * Returns: (transfer full): a new importer of the format, or %NULL with @error set
 */
TesseraImporter *
tessera_formats_new_importer (const char  *id,
                              GError     **error)
{
  g_autoptr(GPtrArray) importers = tessera_formats_list_importers ();

  g_return_val_if_fail (id != NULL, NULL);
  return TESSERA_IMPORTER (new_format (importers, id, error));
}

/**
 * tessera_formats_new_exporter:
 * @id: a format's id, such as "tei", in any case
 *
 * Returns: (transfer full): a new exporter of the format, with its default options, or
 *   %NULL with @error set
 */
TesseraExporter *
tessera_formats_new_exporter (const char  *id,
                              GError     **error)
{
  g_autoptr(GPtrArray) exporters = tessera_formats_list_exporters ();

  g_return_val_if_fail (id != NULL, NULL);
  return TESSERA_EXPORTER (new_format (exporters, id, error));
}

/**
 * tessera_formats_sniff_importer:
 * @path: a file
 *
 * Finds the importer of a file by its name and first bytes: the one most sure it reads
 * it. A project is not read (this process may have it open).
 *
 * Returns: (transfer full): the importer, or %NULL with @error set
 */
TesseraImporter *
tessera_formats_sniff_importer (const char  *path,
                                GError     **error)
{
  g_autoptr(GPtrArray) importers = tessera_formats_list_importers ();
  g_autofree guint8 *data = g_malloc (SNIFF_BYTES);
  TesseraImporter *best = NULL;
  guint best_score = 0;
  gboolean is_open = FALSE;
  gsize length = 0;
  int saved_errno = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_tessera_project_files_check_readable (path, error))
    return NULL;
  if (!_tessera_project_files_read_header (path, data, SNIFF_BYTES, &length, &is_open,
                                           &saved_errno))
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", display_name, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < importers->len; i++)
    {
      TesseraImporter *importer = g_ptr_array_index (importers, i);
      guint score = tessera_importer_sniff (importer, path, data, length);

      if (score > best_score)
        {
          best = importer;
          best_score = score;
        }
    }
  if (best == NULL)
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_UNKNOWN_FORMAT,
                   _("Tessera cannot tell the format of %s; name it with --format"),
                   display_name);
      return NULL;
    }
  return g_object_ref (best);
}

/**
 * tessera_formats_is_importable_name:
 * @name: a file name
 *
 * Returns: whether a file of that name is one a folder import takes: not hidden, and
 *   ending with an extension of an import format
 */
gboolean
tessera_formats_is_importable_name (const char *name)
{
  g_autoptr(GPtrArray) importers = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (name[0] == '.')
    return FALSE;
  importers = tessera_formats_list_importers ();
  for (guint i = 0; i < importers->len; i++)
    {
      if (tessera_importer_handles_name (g_ptr_array_index (importers, i), name))
        return TRUE;
    }
  return FALSE;
}

/* Options ---------------------------------------------------------------------------- */

static gboolean
parse_boolean (const char *text,
               gboolean   *out_value)
{
  static const char * const yes[] = { "true", "yes", "on", "1", NULL };
  static const char * const no[] = { "false", "no", "off", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0 || g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *out_value = g_ascii_strcasecmp (text, yes[i]) == 0;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_value (GParamSpec  *pspec,
             const char  *text,
             GValue      *value)
{
  g_value_init (value, pspec->value_type);

  if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    {
      gboolean boolean;

      if (!parse_boolean (text, &boolean))
        return FALSE;
      g_value_set_boolean (value, boolean);
      return TRUE;
    }
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumValue *enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                                         text);

      if (enum_value == NULL)
        return FALSE;
      g_value_set_enum (value, enum_value->value);
      return TRUE;
    }
  if (G_IS_PARAM_SPEC_STRING (pspec))
    {
      g_value_set_string (value, text);
      return TRUE;
    }
  if (G_IS_PARAM_SPEC_INT (pspec))
    {
      gint64 number;

      if (!g_ascii_string_to_signed (text, 10, G_PARAM_SPEC_INT (pspec)->minimum,
                                     G_PARAM_SPEC_INT (pspec)->maximum, &number, NULL))
        return FALSE;
      g_value_set_int (value, (int) number);
      return TRUE;
    }
  if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (text, 10, G_PARAM_SPEC_UINT (pspec)->minimum,
                                       G_PARAM_SPEC_UINT (pspec)->maximum, &number, NULL))
        return FALSE;
      g_value_set_uint (value, (guint) number);
      return TRUE;
    }
  return FALSE;
}

/**
 * tessera_format_describe_value:
 * @pspec: an option of a format
 *
 * Returns: (transfer full): what the option takes, as the command line shows it:
 *   "true|false", the nicks of an enumeration, "TEXT" or "NUMBER"
 */
char *
tessera_format_describe_value (GParamSpec *pspec)
{
  g_autoptr(GString) values = g_string_new (NULL);

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    return g_strdup ("true|false");
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      for (guint i = 0; i < enum_class->n_values; i++)
        g_string_append_printf (values, "%s%s", i > 0 ? "|" : "",
                                enum_class->values[i].value_nick);
      return g_string_free (g_steal_pointer (&values), FALSE);
    }
  if (G_IS_PARAM_SPEC_STRING (pspec))
    return g_strdup (_("TEXT"));
  return g_strdup (_("NUMBER"));
}

/**
 * tessera_format_set_option:
 * @format: a #TesseraImporter or #TesseraExporter
 * @name: one of its options (a property)
 * @value: the value as typed: true or false, a value's nick, text or a number
 *
 * Sets an option given as text, as on the command line.
 *
 * Returns: %FALSE with @error set if the format has no such option or it does not take
 *   @value
 */
gboolean
tessera_format_set_option (GObject     *format,
                           const char  *name,
                           const char  *value,
                           GError     **error)
{
  g_auto(GValue) parsed = G_VALUE_INIT;
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT (format), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (format), name);
  if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE))
    {
      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_UNKNOWN_OPTION,
                   _("The format has no option “%s”; “tessera-cli formats” lists them"),
                   name);
      return FALSE;
    }
  if (!parse_value (pspec, value, &parsed))
    {
      g_autofree char *values = tessera_format_describe_value (pspec);

      g_set_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_BAD_VALUE,
                   _("The option %s takes %s, not “%s”"), name, values, value);
      return FALSE;
    }
  g_object_set_property (format, name, &parsed);
  return TRUE;
}
