/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>

#include "tessera-tei-validator.h"

#include "tessera-project-files-private.h"
#include "tessera-tei-reader-private.h"

/*
 * TesseraTeiValidator: a RELAX NG schema compiled once, then used to validate any number
 * of files. Compiling tei_all.rng takes libxml2 about five seconds: create the validator in
 * a worker (tessera_tei_validator_new_async()), keep it, and validate from any thread;
 * validations are serialised, each takes milliseconds.
 */

struct _TesseraTeiValidator
{
  GObject    parent_instance;

  char      *schema_path;
  xmlRelaxNG *schema;
  GMutex     mutex;
};

G_DEFINE_FINAL_TYPE (TesseraTeiValidator, tessera_tei_validator, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

void
tessera_tei_problem_free (TesseraTeiProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static void
tessera_tei_validator_finalize (GObject *object)
{
  TesseraTeiValidator *self = (TesseraTeiValidator *)object;

  g_clear_pointer (&self->schema, xmlRelaxNGFree);
  g_free (self->schema_path);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (tessera_tei_validator_parent_class)->finalize (object);
}

static void
tessera_tei_validator_class_init (TesseraTeiValidatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_tei_validator_finalize;
}

static void
tessera_tei_validator_init (TesseraTeiValidator *self)
{
  g_mutex_init (&self->mutex);
}

/* Collects structured errors, with their lines, instead of printing them. */
typedef struct
{
  GPtrArray *problems;
} Collector;

static void
collect_problem (void           *data,
                 const xmlError *error)
{
  Collector *collector = data;
  TesseraTeiProblem *problem;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  problem = g_new0 (TesseraTeiProblem, 1);
  problem->line = error->line > 0 ? (guint) error->line : 0;
  problem->column = error->int2 > 0 ? (guint) error->int2 : 0;
  if (problem->line == 0 && error->node != NULL)
    problem->line = (guint) xmlGetLineNo ((xmlNode *) error->node);
  problem->message = g_strstrip (g_strdup (error->message ? error->message : ""));
  g_ptr_array_add (collector->problems, problem);
}

/* The parser's errors: @data is the parser context, whose _private is a Collector. */
static void
collect_parse_problem (void           *data,
                       const xmlError *error)
{
  xmlParserCtxt *parser = data;

  if (parser != NULL && parser->_private != NULL)
    collect_problem (parser->_private, error);
}

static char *
first_problems (GPtrArray *problems,
                guint      max)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < max; i++)
    {
      TesseraTeiProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append (out, "; ");
      if (problem->line > 0)
        g_string_append_printf (out, _("line %u: %s"), problem->line, problem->message);
      else
        g_string_append (out, problem->message);
    }
  return g_string_free (out, FALSE);
}

/**
 * tessera_tei_validator_new:
 * @schema_path: a RELAX NG schema in XML syntax, such as tei_all.rng
 *
 * Compiles the schema. This blocks (seconds for tei_all): call it from a worker thread,
 * or use tessera_tei_validator_new_async().
 *
 * Returns: (transfer full): the validator, or %NULL with @error set
 */
TesseraTeiValidator *
tessera_tei_validator_new (const char    *schema_path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TesseraTeiValidator) self = NULL;
  g_autoptr(xmlRelaxNGParserCtxt) parser = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_tei_problem_free);
  g_autofree char *display = NULL;
  Collector collector = { problems };

  g_return_val_if_fail (schema_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (schema_path);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!g_file_test (schema_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The schema %s does not exist"), display);
      return NULL;
    }

  if (!_tessera_project_files_check_readable (schema_path, error))
    return NULL;

  xmlInitParser ();
  parser = xmlRelaxNGNewParserCtxt (schema_path);
  if (parser == NULL)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SCHEMA,
                   _("Could not read the schema %s"), display);
      return NULL;
    }
  xmlRelaxNGSetParserStructuredErrors (parser, (xmlStructuredErrorFunc) collect_problem,
                                       &collector);

  self = g_object_new (TESSERA_TYPE_TEI_VALIDATOR, NULL);
  self->schema_path = g_strdup (schema_path);
  self->schema = xmlRelaxNGParse (parser);
  if (self->schema == NULL)
    {
      g_autofree char *details = first_problems (problems, 3);

      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_SCHEMA,
                   _("The schema %s could not be compiled: %s"), display,
                   *details ? details : _("it is not a RELAX NG schema"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  TesseraTeiValidator *validator = tessera_tei_validator_new (task_data, cancellable, &error);

  if (validator == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, validator, g_object_unref);
}

/**
 * tessera_tei_validator_new_async:
 *
 * Compiles the schema in a worker thread.
 */
void
tessera_tei_validator_new_async (const char          *schema_path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (schema_path != NULL);

  /* libxml2 must be initialised on the main thread before other threads use it. */
  xmlInitParser ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_tei_validator_new_async);
  g_task_set_task_data (task, g_strdup (schema_path), g_free);
  g_task_run_in_thread (task, new_in_thread);
}

/**
 * tessera_tei_validator_new_finish:
 *
 * Returns: (transfer full): the validator, or %NULL with @error set
 */
TesseraTeiValidator *
tessera_tei_validator_new_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
tessera_tei_validator_get_schema_path (TesseraTeiValidator *self)
{
  g_return_val_if_fail (TESSERA_IS_TEI_VALIDATOR (self), NULL);

  return self->schema_path;
}

/**
 * tessera_tei_validator_validate_file:
 * @path: the file to validate
 * @out_problems: (out) (optional) (transfer full) (element-type TesseraTeiProblem): every
 *   problem found, with its line
 *
 * Validates a file against the schema. The file is parsed as the importer parses: without
 * network, DTD or entity substitution. Safe to call from several threads.
 *
 * Returns: %TRUE if the file is valid; %FALSE with @error set if it is not
 *   (%TESSERA_TEI_ERROR_INVALID, the first problems in the message), if it is not
 *   well-formed (%TESSERA_TEI_ERROR_MALFORMED) or cannot be read
 */
gboolean
tessera_tei_validator_validate_file (TesseraTeiValidator  *self,
                                     const char           *path,
                                     GPtrArray           **out_problems,
                                     GError              **error)
{
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_tei_problem_free);
  g_autoptr(xmlParserCtxt) parser = NULL;
  g_autoptr(xmlRelaxNGValidCtxt) validation = NULL;
  g_autoptr(xmlDoc) document = NULL;
  g_autofree char *display = NULL;
  Collector collector = { problems };
  TesseraXmlErrorScope scope;
  int rc;

  g_return_val_if_fail (TESSERA_IS_TEI_VALIDATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_problems != NULL)
    *out_problems = NULL;
  display = g_filename_display_basename (path);
  if (!_tessera_project_files_check_readable (path, error))
    return FALSE;

  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    {
      g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                   _("Could not validate %s: out of memory"), display);
      return FALSE;
    }
  /* Parse errors are collected, never printed; the first one says where it went wrong. */
  parser->sax->serror = (xmlStructuredErrorFunc) collect_parse_problem;
  parser->_private = &collector;
  _tessera_xml_error_scope_begin (&scope, (xmlStructuredErrorFunc) collect_parse_problem, parser);
  document = xmlCtxtReadFile (parser, path, NULL, _tessera_tei_parse_options ());
  _tessera_xml_error_scope_end (&scope);
  if (document == NULL)
    {
      const xmlError *last = xmlCtxtGetLastError (parser);

      if (problems->len == 0)
        {
          g_autofree char *message = _tessera_tei_error_message (last);

          g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                       _("Could not read %s: %s"), display, message);
        }
      else
        {
          TesseraTeiProblem *first = g_ptr_array_index (problems, 0);

          g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_MALFORMED,
                       _("%s is not well-formed XML: line %u, column %u: %s"), display,
                       first->line, first->column, first->message);
        }
      if (out_problems != NULL)
        *out_problems = g_steal_pointer (&problems);
      return FALSE;
    }
  g_ptr_array_set_size (problems, 0);

  g_mutex_lock (&self->mutex);
  validation = xmlRelaxNGNewValidCtxt (self->schema);
  if (validation != NULL)
    {
      xmlRelaxNGSetValidStructuredErrors (validation, (xmlStructuredErrorFunc) collect_problem,
                                          &collector);
      rc = xmlRelaxNGValidateDoc (validation, document);
    }
  else
    rc = -1;
  g_clear_pointer (&validation, xmlRelaxNGFreeValidCtxt);
  g_mutex_unlock (&self->mutex);

  if (rc != 0)
    {
      g_autofree char *details = first_problems (problems, 3);

      if (rc < 0 && problems->len == 0)
        g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_FAILED,
                     _("Could not validate %s"), display);
      else
        g_set_error (error, TESSERA_TEI_ERROR, TESSERA_TEI_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s does not conform to the schema (%u problem): %s",
                                  "%s does not conform to the schema (%u problems): %s",
                                  problems->len),
                     display, problems->len, details);
      if (out_problems != NULL)
        *out_problems = g_steal_pointer (&problems);
      return FALSE;
    }

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);
  return TRUE;
}
