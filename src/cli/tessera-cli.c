/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "tessera-cli.h"

#include "tessera-core.h"
#include "tessera-json.h"

/*
 * tessera-cli: the project from a terminal or a script.
 * Exit status: 0 success, 1 failure, 2 usage. Errors: one line on stderr.
 */

#define EXIT_USAGE 2

typedef struct
{
  char     *project;
  char     *annotator;
  gboolean  json;
} Globals;

static Globals globals;

typedef int (*CommandFunc) (int argc, char **argv);

/* What a command takes besides its options. */
typedef enum
{
  ARGUMENTS_NONE,          /* nothing */
  ARGUMENTS_ID,            /* one id */
  ARGUMENTS_OPTIONAL_ID,   /* at most one id */
  ARGUMENTS_IDS,           /* any number of ids */
  ARGUMENTS_TWO_IDS,       /* two ids */
  ARGUMENTS_PATHS,         /* one file or folder, or more */
} Arguments;

/* The project a command works on. */
typedef enum
{
  PROJECT_OPEN_OR_CREATE,  /* --project, or the default one, created if need be */
  PROJECT_OPEN,            /* --project, or the default one, which must exist */
  PROJECT_NONE,            /* the command opens it itself */
} Project;

typedef struct
{
  const char          *name;
  const char          *parameters;
  const char          *summary;
  CommandFunc          run;
  char              *(*describe) (void);  /* nullable: what --help shows after the options */
  const GOptionEntry  *entries;          /* its own options, or NULL */
  gboolean             json;             /* whether it takes --json */
  Arguments            arguments;
  const char          *arguments_error;  /* what to say when the arguments are not right */
  gboolean           (*check) (int *out_status);  /* its options, before any project opens */
  Project              project;
} Command;

static const Command *find_command (const char *name);

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tessera-cli: %s\n", message);
  return EXIT_FAILURE;
}

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("tessera-cli: %s\n", message);
  g_printerr (_("Try “tessera-cli %s --help”.\n"), command ? command : "");
  return EXIT_USAGE;
}

/* A usage error found while checking a command's options. */
static gboolean
refuse (const char *command,
        const char *message,
        int        *out_status)
{
  *out_status = usage_error (command, message);
  return FALSE;
}

static const GOptionEntry global_entries[] = {
  { "project", 'p', 0, G_OPTION_ARG_FILENAME, &globals.project,
    N_("The project file (default: the default project)"), N_("FILE") },
  { "annotator", 'a', 0, G_OPTION_ARG_STRING, &globals.annotator,
    N_("The name changes are recorded under"), N_("NAME") },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &globals.json, N_("Print JSON"), NULL },
  { NULL }
};

/* Text that goes into the project must be text a TEI file can carry: say so before
 * anything is changed. */
static gboolean
check_text_option (const char *command_name,
                   const char *option,
                   const char *text,
                   int        *out_status)
{
  g_autofree char *message = NULL;
  guint offset = 0;
  gunichar c = 0;

  if (!tessera_text_find_non_xml (text, -1, &offset, &c))
    return TRUE;

  if (c == (gunichar) -1)
    message = g_strdup_printf (_("%s is not valid UTF-8 from its character %u on"), option,
                               offset + 1);
  else
    message = g_strdup_printf (_("%s holds the character U+%04X (its character %u), which "
                                 "a TEI file cannot carry"), option, c, offset + 1);
  *out_status = usage_error (command_name, message);
  return FALSE;
}

/* Options that take a code ---------------------------------------------------------- */

/* The options whose value is a code of a vocabulary (tessera-vocabulary.h), and for the
 * claim's fields the setter that takes it. */
typedef struct
{
  const char         *long_name;
  TesseraVocabulary   vocabulary;
  gboolean          (*set_claim) (TesseraClaim *claim,
                                  const char   *code);
} CodeOption;

static const CodeOption code_options[] = {
  { "certainty", TESSERA_VOCABULARY_CERTAINTY, NULL },
  { "source-kind", TESSERA_VOCABULARY_SOURCE_KIND, tessera_claim_set_source_kind },
  { "quote-type", TESSERA_VOCABULARY_QUOTE_TYPE, tessera_claim_set_quote_type },
  { "polarity", TESSERA_VOCABULARY_POLARITY, tessera_claim_set_polarity },
  { "factuality", TESSERA_VOCABULARY_FACTUALITY, tessera_claim_set_factuality },
  { "distance", TESSERA_VOCABULARY_WRITER_DISTANCE, tessera_claim_set_writer_distance },
};

static const CodeOption *
find_code_option (const GOptionEntry *entry)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_options); i++)
    {
      if (g_str_equal (entry->long_name, code_options[i].long_name))
        return &code_options[i];
    }
  return NULL;
}

static char *
dup_codes (TesseraVocabulary vocabulary)
{
  return g_strjoinv (", ", (char **) tessera_vocabulary_get_codes (vocabulary));
}

/* A copy of @entries (freed with @strings) in which the help of each option that takes a
 * code lists exactly its vocabulary's codes: "Quote Type: direct, indirect, mixed…". */
static const GOptionEntry *
describe_code_options (const GOptionEntry *entries,
                       GPtrArray          *strings)
{
  GOptionEntry *copy;
  guint n_entries = 0;

  while (entries[n_entries].long_name != NULL)
    n_entries++;
  copy = g_memdup2 (entries, (n_entries + 1) * sizeof (GOptionEntry));
  g_ptr_array_add (strings, copy);

  for (guint i = 0; i < n_entries; i++)
    {
      const CodeOption *option = find_code_option (&copy[i]);
      g_autofree char *codes = NULL;

      if (option == NULL)
        continue;
      codes = dup_codes (option->vocabulary);
      copy[i].description = g_strdup_printf (_("%s: %s"),
                                             tessera_vocabulary_get_title (option->vocabulary),
                                             codes);
      g_ptr_array_add (strings, (char *) copy[i].description);
    }
  return copy;
}

/* Whether the value given to each option of @entries that takes a code is one; if not,
 * prints a usage error that lists the codes. */
static gboolean
check_code_options (const char         *command_name,
                    const GOptionEntry *entries,
                    int                *out_status)
{
  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      const CodeOption *option = find_code_option (entry);
      const char *value = option != NULL ? *(char **) entry->arg_data : NULL;
      g_autofree char *name = NULL;
      g_autofree char *codes = NULL;
      g_autofree char *message = NULL;

      if (value == NULL || tessera_vocabulary_contains (option->vocabulary, value))
        continue;
      name = g_strconcat ("--", entry->long_name, NULL);
      codes = dup_codes (option->vocabulary);
      /* TRANSLATORS: a value, an option, then the values it accepts */
      message = g_strdup_printf (_("“%s” is not a value %s accepts: %s"), value, name, codes);
      *out_status = usage_error (command_name, message);
      return FALSE;
    }
  return TRUE;
}

/* Parses a command's options; on a usage error prints it and returns FALSE. */
static gboolean
parse_options (const Command  *command,
               int            *argc,
               char         ***argv,
               int            *out_status)
{
  const char *command_name = command->name;
  g_autofree char *parameter_string = g_strdup_printf ("%s %s", command->name,
                                                       command->parameters);
  /* Before the context, so that it outlives it: the help of the coded options. */
  g_autoptr(GPtrArray) help = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _(command->summary));
  if (command->describe != NULL)
    {
      g_autofree char *description = command->describe ();

      g_option_context_set_description (context, description);
    }
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (command->json)
    g_option_context_add_main_entries (context, json_entries, GETTEXT_PACKAGE);
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, describe_code_options (command->entries, help),
                                       GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = usage_error (command_name, error->message);
      return FALSE;
    }

  /* GOption leaves the "--" that ends the options: what follows is arguments. */
  for (int i = 2; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          memmove (*argv + i, *argv + i + 1, (*argc - i) * sizeof (char *));
          (*argc)--;
          break;
        }
    }

  if (globals.annotator != NULL && *globals.annotator == '\0')
    {
      *out_status = usage_error (command_name, _("--annotator needs a name"));
      return FALSE;
    }
  return check_text_option (command_name, "--annotator", globals.annotator, out_status);
}

/* Reads a number given as text: decimal digits only ("010" is ten), from @min to @max.
 * Leaves @out_value alone when @text is %NULL (the option was not given). */
static gboolean
parse_number_option (const char *command_name,
                     const char *option,
                     const char *text,
                     guint64     min,
                     guint64     max,
                     guint64    *out_value,
                     int        *out_status)
{
  g_autofree char *message = NULL;

  if (text == NULL || g_ascii_string_to_unsigned (text, 10, min, max, out_value, NULL))
    return TRUE;

  message = g_strdup_printf (_("%s takes a number in decimal digits from %" PRIu64 " to %"
                               PRIu64 ", not “%s”"), option, min, max, text);
  *out_status = usage_error (command_name, message);
  return FALSE;
}

static TesseraStore *
open_project (gboolean create_default)
{
  g_autoptr(GError) error = NULL;
  TesseraStore *store;

  if (globals.project != NULL)
    store = tessera_store_open (globals.project, TESSERA_STORE_OPEN_DEFAULT, &error);
  else if (create_default)
    store = tessera_default_project_open (NULL, &error);
  else
    {
      /* check must not create, and fill, the very project it is asked to verify. */
      g_autofree char *path = tessera_default_project_path ();

      store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
    }

  if (store == NULL)
    {
      if (g_error_matches (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND) &&
          globals.project != NULL)
        fail (_("%s (create it with “tessera-cli init --project %s”)"), error->message,
              globals.project);
      else if (g_error_matches (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND))
        fail (_("%s (create it with “tessera-cli init”)"), error->message);
      else
        fail ("%s", error->message);
      return NULL;
    }

  if (globals.annotator != NULL)
    tessera_store_set_annotator (store, globals.annotator);
  else if (g_getenv ("TESSERA_ANNOTATOR") != NULL && *g_getenv ("TESSERA_ANNOTATOR") != '\0')
    tessera_store_set_annotator (store, g_getenv ("TESSERA_ANNOTATOR"));

  return store;
}

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out_id = (gint64) value;
  return TRUE;
}

static gboolean
check_arguments (const Command  *command,
                 int             argc,
                 char          **argv,
                 gint64         *out_id)
{
  switch (command->arguments)
    {
    case ARGUMENTS_NONE:
      return argc == 2;
    case ARGUMENTS_ID:
      return argc == 3 && parse_id (argv[2], out_id);
    case ARGUMENTS_OPTIONAL_ID:
      return argc == 2 || (argc == 3 && parse_id (argv[2], out_id));
    case ARGUMENTS_TWO_IDS:
      {
        gint64 second;

        return argc == 4 && parse_id (argv[2], out_id) && parse_id (argv[3], &second);
      }
    case ARGUMENTS_IDS:
      for (int i = 2; i < argc; i++)
        {
          gint64 id;

          if (!parse_id (argv[i], &id))
            return FALSE;
        }
      return TRUE;
    case ARGUMENTS_PATHS:
      return argc > 2;
    default:
      g_assert_not_reached ();
    }
}

/* The prologue of every command: parses its options, checks its arguments and options,
 * then opens the project. A usage error is said before any project is opened, let alone
 * created. @out_id: the id argument, 0 when an optional one is not given. */
static gboolean
start_command (const char     *name,
               int            *argc,
               char         ***argv,
               TesseraStore  **out_store,
               gint64         *out_id,
               int            *out_status)
{
  const Command *command = find_command (name);
  gint64 id = 0;

  if (!parse_options (command, argc, argv, out_status))
    return FALSE;
  if (!check_arguments (command, *argc, *argv, &id))
    return refuse (name, _(command->arguments_error), out_status);
  if (command->entries != NULL && !check_code_options (name, command->entries, out_status))
    return FALSE;
  if (command->check != NULL && !command->check (out_status))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;

  if (command->project == PROJECT_NONE)
    return TRUE;
  *out_store = open_project (command->project == PROJECT_OPEN_OR_CREATE);
  *out_status = EXIT_FAILURE;
  return *out_store != NULL;
}

/* Pads or cuts @text to exactly @width characters (not bytes). */
static char *
fit (const char *text,
     guint       width)
{
  glong length = g_utf8_strlen (text ? text : "", -1);
  GString *out = g_string_new (NULL);

  if (text == NULL)
    text = "";
  if ((guint) length > width)
    {
      const char *end = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (out, text, end - text);
      g_string_append (out, "…");
    }
  else
    {
      g_string_append (out, text);
      for (guint i = (guint) length; i < width; i++)
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

static const char *
progress_label (TesseraProgress progress)
{
  switch (progress)
    {
    case TESSERA_PROGRESS_IN_PROGRESS:
      return _("in progress");
    case TESSERA_PROGRESS_DONE:
      return _("done");
    case TESSERA_PROGRESS_NOT_STARTED:
    default:
      return _("not started");
    }
}

static void
print_import_results (GPtrArray *results,
                      guint     *out_failed)
{
  guint failed = 0;

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);
      /* The name as the user's file manager shows it, even when it is not UTF-8. */
      g_autofree char *path = g_filename_display_name (result->path);

      if (result->error != NULL)
        {
          g_printerr ("tessera-cli: %s\n", result->error->message);
          failed++;
        }
      else if (result->existing)
        g_print (_("%s: already in the project as document %" PRId64 " (%s)\n"),
                 path, result->document_id, result->title ? result->title : "");
      else
        g_print (_("%s: imported as document %" PRId64 " (%s)\n"),
                 path, result->document_id, result->title ? result->title : "");
      for (guint w = 0; result->warnings != NULL && w < result->warnings->len; w++)
        g_printerr (_("tessera-cli: warning: %s\n"),
                    (const char *) g_ptr_array_index (result->warnings, w));
    }

  if (out_failed != NULL)
    *out_failed = failed;
}

/* init --------------------------------------------------------------------------------- */

static gboolean init_samples;

static const GOptionEntry init_entries[] = {
  { "with-samples", 0, 0, G_OPTION_ARG_NONE, &init_samples,
    N_("Import the bundled sample articles"), NULL },
  { NULL }
};

static int
command_init (int    argc,
              char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  if (!start_command ("init", &argc, &argv, NULL, NULL, &status))
    return status;

  path = globals.project ? g_strdup (globals.project) : tessera_default_project_path ();
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return fail (_("“%s” already exists; nothing was changed"), path);

  if (globals.project == NULL)
    {
      g_autoptr(GPtrArray) results = NULL;

      store = tessera_default_project_open (&results, &error);
      if (store == NULL)
        return fail ("%s", error->message);
      print_import_results (results, NULL);
    }
  else
    {
      store = tessera_store_open (path, TESSERA_STORE_OPEN_CREATE, &error);
      if (store == NULL)
        return fail ("%s", error->message);
      if (init_samples)
        {
          const char *paths[] = { tessera_default_project_seeds_dir (), NULL };
          g_autoptr(GPtrArray) results = tessera_import_paths (store, paths, NULL);
          guint failed = 0;

          print_import_results (results, &failed);
          if (failed > 0)
            return EXIT_FAILURE;
        }
    }

  g_print (_("Created the project %s\n"), path);
  return EXIT_SUCCESS;
}

/* formats ------------------------------------------------------------------------------ */

/* The formats of @formats (importers or exporters) by id, for a usage line: "text, tei". */
static char *
dup_format_ids (GPtrArray *formats)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < formats->len; i++)
    {
      gpointer format = g_ptr_array_index (formats, i);

      g_strv_builder_add (ids, TESSERA_IS_IMPORTER (format) ? tessera_importer_get_id (format)
                                                            : tessera_exporter_get_id (format));
    }
  strv = g_strv_builder_end (ids);
  return g_strjoinv (", ", strv);
}

/* The options of a format, one a line: "    --option corpus=true|false  What it does". */
static void
append_format_options (GString *out,
                       GObject *format)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (format), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *values = NULL;
      g_autofree char *option = NULL;

      if (!(pspecs[i]->flags & G_PARAM_WRITABLE))
        continue;
      values = tessera_format_describe_value (pspecs[i]);
      option = g_strdup_printf ("%s=%s", g_param_spec_get_name (pspecs[i]), values);
      g_string_append_printf (out, "    --option %-28s %s\n", option,
                              g_dgettext (GETTEXT_PACKAGE, g_param_spec_get_blurb (pspecs[i])));
    }
}

/* Every format, importers and exporters together by id: what `formats` prints. */
static char *
describe_formats (void)
{
  g_autoptr(GPtrArray) importers = tessera_formats_list_importers ();
  g_autoptr(GPtrArray) exporters = tessera_formats_list_exporters ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GString *out = g_string_new (_("Formats (--format ID):"));

  g_string_append_c (out, '\n');
  for (guint i = 0; i < importers->len; i++)
    g_ptr_array_add (ids, (gpointer) tessera_importer_get_id (g_ptr_array_index (importers, i)));
  for (guint i = 0; i < exporters->len; i++)
    {
      const char *id = tessera_exporter_get_id (g_ptr_array_index (exporters, i));

      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      TesseraImporter *importer = NULL;
      TesseraExporter *exporter = NULL;
      const char * const *extensions;
      g_autoptr(GString) extension_list = g_string_new (NULL);

      for (guint j = 0; j < importers->len; j++)
        {
          if (g_str_equal (tessera_importer_get_id (g_ptr_array_index (importers, j)), id))
            importer = g_ptr_array_index (importers, j);
        }
      for (guint j = 0; j < exporters->len; j++)
        {
          if (g_str_equal (tessera_exporter_get_id (g_ptr_array_index (exporters, j)), id))
            exporter = g_ptr_array_index (exporters, j);
        }
      extensions = importer != NULL ? tessera_importer_get_extensions (importer)
                                    : tessera_exporter_get_extensions (exporter);
      for (guint j = 0; extensions != NULL && extensions[j] != NULL; j++)
        g_string_append_printf (extension_list, "%s.%s", j > 0 ? " " : "", extensions[j]);

      g_string_append_printf (out, "  %-8s %-20s %-12s %s\n", id,
                              importer != NULL ? tessera_importer_get_name (importer)
                                               : tessera_exporter_get_name (exporter),
                              extension_list->str,
                              importer != NULL && exporter != NULL ? _("import, export")
                              : importer != NULL ? _("import") : _("export"));
      if (importer != NULL)
        append_format_options (out, G_OBJECT (importer));
      if (exporter != NULL)
        append_format_options (out, G_OBJECT (exporter));
    }
  return g_string_free (out, FALSE);
}

static int
command_formats (int    argc,
                 char **argv)
{
  g_autofree char *formats = NULL;
  int status;

  if (!start_command ("formats", &argc, &argv, NULL, NULL, &status))
    return status;

  formats = describe_formats ();
  g_print ("%s", formats);
  return EXIT_SUCCESS;
}

/* import ------------------------------------------------------------------------------- */

static char *import_format;

static const GOptionEntry import_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &import_format,
    N_("Read every file as this format (default: recognise each)"), N_("ID") },
  { NULL }
};
static TesseraImporter *import_importer;   /* --format, once checked */

static gboolean
check_import_options (int *out_status)
{
  g_autoptr(GError) error = NULL;

  if (import_format == NULL)
    return TRUE;
  import_importer = tessera_formats_new_importer (import_format, &error);
  return import_importer != NULL || refuse ("import", error->message, out_status);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  guint         failed;
} Import;

/* Each file is reported as soon as it is done, in order. */
static void
on_import_progress (guint        files_done,
                    guint        files_total,
                    const char  *path,
                    GPtrArray   *results,
                    gpointer     user_data)
{
  Import *import = user_data;
  guint failed = 0;

  print_import_results (results, &failed);
  import->failed += failed;
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Import *import = user_data;

  import->result = g_object_ref (result);
  g_main_loop_quit (import->loop);
}

/* Ctrl+C stops between two files: those imported stay, and the project stays whole. */
static gboolean
on_interrupt (gpointer user_data)
{
  Import *import = user_data;

  g_cancellable_cancel (import->cancellable);
  return G_SOURCE_CONTINUE;
}

static int
command_import (int    argc,
                char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Import import = { loop, cancellable, NULL, 0 };
  guint interrupt_source;
  int status;

  if (!start_command ("import", &argc, &argv, &store, NULL, &status))
    return status;

  interrupt_source = g_unix_signal_add (SIGINT, on_interrupt, &import);
  tessera_import_paths_async (store, (const char * const *) argv + 2, import_importer,
                              cancellable, on_import_progress, &import, on_import_done,
                              &import);
  g_main_loop_run (loop);
  g_source_remove (interrupt_source);

  results = tessera_import_paths_finish (store, import.result, &error);
  g_object_unref (import.result);
  /* The worker may hold the store a moment longer: close it now, so that the last
   * connection checkpoints the project before the program ends. */
  tessera_store_close (store);
  if (results == NULL)
    return fail ("%s", error->message);

  return import.failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* list --------------------------------------------------------------------------------- */

static int
command_list (int    argc,
              char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  GListModel *documents;
  guint n;
  int status;

  if (!start_command ("list", &argc, &argv, &store, NULL, &status))
    return status;

  documents = tessera_store_get_documents (store);
  n = g_list_model_get_n_items (documents);

  if (globals.json)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_array (json);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);

          json_builder_begin_object (json);
          json_builder_set_member_name (json, "id");
          json_builder_add_int_value (json, tessera_document_get_id (document));
          json_builder_set_member_name (json, "title");
          tessera_json_add_string (json, tessera_document_get_title (document));
          json_builder_set_member_name (json, "characters");
          json_builder_add_int_value (json, tessera_document_get_length (document));
          json_builder_set_member_name (json, "annotations");
          json_builder_add_int_value (json, tessera_document_get_annotation_count (document));
          json_builder_set_member_name (json, "status");
          tessera_json_add_string (json,
                                   tessera_progress_to_string (tessera_document_get_progress (document)));
          json_builder_set_member_name (json, "sha256");
          tessera_json_add_string (json, tessera_document_get_sha256 (document));
          json_builder_set_member_name (json, "imported");
          tessera_json_add_string (json, tessera_document_get_imported (document));
          json_builder_end_object (json);
        }
      json_builder_end_array (json);
      text = tessera_json_to_text (json);
      g_print ("%s\n", text);
      return EXIT_SUCCESS;
    }

  if (n == 0)
    {
      g_print (_("The project has no documents yet. Import some with "
                 "“tessera-cli import FILE…”.\n"));
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *id_h = fit (_("ID"), 4);
    g_autofree char *title_h = fit (_("Title"), 60);

    g_print ("%s  %s  %9s  %11s  %s\n", id_h, title_h, _("Chars"), _("Annotations"),
             _("Status"));
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, tessera_document_get_id (document));
      g_autofree char *id_cell = fit (id, 4);
      g_autofree char *title = fit (tessera_document_get_title (document), 60);

      g_print ("%s  %s  %9u  %11u  %s\n", id_cell, title,
               tessera_document_get_length (document),
               tessera_document_get_annotation_count (document),
               progress_label (tessera_document_get_progress (document)));
    }

  return EXIT_SUCCESS;
}

/* show --------------------------------------------------------------------------------- */

static gboolean show_text;

static const GOptionEntry show_entries[] = {
  { "text", 0, 0, G_OPTION_ARG_NONE, &show_text, N_("Print the document's text too"), NULL },
  { NULL }
};

static void
json_annotation (JsonBuilder       *json,
                 TesseraStore      *store,
                 TesseraAnnotation *annotation,
                 const char        *text,
                 TesseraTextCursor *cursor)
{
  g_autoptr(TesseraAnnotationType) type =
    tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
  guint n_ranges;
  const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n_ranges);
  g_autofree char *covered = tessera_text_slice_ranges_at (text, cursor, ranges, n_ranges,
                                                           " … ");

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "id");
  json_builder_add_int_value (json, tessera_annotation_get_id (annotation));
  json_builder_set_member_name (json, "type");
  tessera_json_add_string (json, type ? tessera_annotation_type_get_key (type) : NULL);
  json_builder_set_member_name (json, "ranges");
  json_builder_begin_array (json);
  for (guint i = 0; i < n_ranges; i++)
    {
      json_builder_begin_array (json);
      json_builder_add_int_value (json, ranges[i].start);
      json_builder_add_int_value (json, ranges[i].end);
      json_builder_end_array (json);
    }
  json_builder_end_array (json);
  json_builder_set_member_name (json, "text");
  tessera_json_add_string (json, covered);
  json_builder_set_member_name (json, "entity");
  if (tessera_annotation_get_entity_id (annotation))
    json_builder_add_int_value (json, tessera_annotation_get_entity_id (annotation));
  else
    json_builder_add_null_value (json);
  json_builder_set_member_name (json, "annotator");
  tessera_json_add_string (json, tessera_annotation_get_annotator (annotation));
  json_builder_set_member_name (json, "certainty");
  tessera_json_add_string (json,
                           tessera_certainty_to_string (tessera_annotation_get_certainty (annotation)));
  json_builder_set_member_name (json, "status");
  tessera_json_add_string (json,
                           tessera_status_to_string (tessera_annotation_get_status (annotation)));
  json_builder_set_member_name (json, "note");
  tessera_json_add_string (json, tessera_annotation_get_note (annotation));
  json_builder_set_member_name (json, "created");
  tessera_json_add_string (json, tessera_annotation_get_created (annotation));

  if (type != NULL && tessera_annotation_type_carries_claim (type))
    {
      g_autoptr(TesseraClaim) claim =
        tessera_store_dup_claim (store, tessera_annotation_get_id (annotation), NULL);

      if (claim != NULL)
        {
          json_builder_set_member_name (json, "claim");
          json_builder_begin_object (json);
          json_builder_set_member_name (json, "complete");
          json_builder_add_boolean_value (json, tessera_claim_is_complete (claim));
          json_builder_set_member_name (json, "source_entity");
          json_builder_add_int_value (json, tessera_claim_get_source_entity_id (claim));
          json_builder_set_member_name (json, "source_annotation");
          json_builder_add_int_value (json, tessera_claim_get_source_annotation_id (claim));
          json_builder_set_member_name (json, "cue_annotation");
          json_builder_add_int_value (json, tessera_claim_get_cue_annotation_id (claim));
          json_builder_set_member_name (json, "source_kind");
          tessera_json_add_string (json, tessera_claim_get_source_kind (claim));
          json_builder_set_member_name (json, "quote_type");
          tessera_json_add_string (json, tessera_claim_get_quote_type (claim));
          json_builder_set_member_name (json, "factuality");
          tessera_json_add_string (json, tessera_claim_get_factuality (claim));
          json_builder_end_object (json);
        }
    }
  json_builder_end_object (json);
}

/* One relation as `show` and `relate` print it; one that joins two documents also says
 * the document of each end. */
static void
json_relation (JsonBuilder     *json,
               TesseraRelation *relation)
{
  json_builder_begin_object (json);
  json_builder_set_member_name (json, "id");
  json_builder_add_int_value (json, relation->id);
  json_builder_set_member_name (json, "type");
  tessera_json_add_string (json, relation->type);
  json_builder_set_member_name (json, "source");
  json_builder_add_int_value (json, relation->source_id);
  json_builder_set_member_name (json, "target");
  json_builder_add_int_value (json, relation->target_id);
  json_builder_set_member_name (json, "note");
  tessera_json_add_string (json, relation->note);
  if (relation->source_document_id != relation->target_document_id)
    {
      json_builder_set_member_name (json, "source_document");
      json_builder_add_int_value (json, relation->source_document_id);
      json_builder_set_member_name (json, "target_document");
      json_builder_add_int_value (json, relation->target_document_id);
    }
  json_builder_end_object (json);
}

static void
json_relations (JsonBuilder *json,
                GPtrArray   *relations)
{
  json_builder_set_member_name (json, "relations");
  json_builder_begin_array (json);
  for (guint i = 0; i < relations->len; i++)
    json_relation (json, g_ptr_array_index (relations, i));
  json_builder_end_array (json);
}

/* The relations of a document, after its annotations; nothing when it has none. One to
 * another document names it. */
static void
print_relations (TesseraStore *store,
                 gint64        document_id,
                 GPtrArray    *relations)
{
  if (relations->len == 0)
    return;
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u relation\n", "%u relations\n", relations->len),
           relations->len);
  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);
      g_autoptr(TesseraRelationType) type = tessera_store_lookup_relation_type (store,
                                                                                relation->type);
      g_autofree char *label = fit (type ? tessera_relation_type_get_label (type)
                                         : relation->type, 14);

      g_print ("  r%-5" G_GINT64_FORMAT " %s #%" G_GINT64_FORMAT " → #%" G_GINT64_FORMAT,
               relation->id, label, relation->source_id, relation->target_id);
      if (relation->source_document_id != relation->target_document_id)
        {
          gint64 other_id = relation->source_document_id == document_id
                            ? relation->target_document_id : relation->source_document_id;
          g_autoptr(TesseraDocument) other = tessera_store_dup_document (store, other_id, NULL);
          g_autofree char *title = fit (other != NULL ? tessera_document_get_title (other) : "",
                                        40);

          /* TRANSLATORS: where the other end of a relation is: a document's id and title */
          g_print (_(" (document %" PRId64 " “%s”)"), other_id, g_strstrip (title));
        }
      if (relation->note != NULL)
        g_print ("  %s", relation->note);
      g_print ("\n");
    }
}

static int
command_show (int    argc,
              char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  /* Annotations come in reading order: their texts are found in one walk through it. */
  TesseraTextCursor cursor = { NULL, 0 };
  gint64 document_id;
  int status;

  if (!start_command ("show", &argc, &argv, &store, &document_id, &status))
    return status;

  document = tessera_store_dup_document (store, document_id, &error);
  if (document == NULL)
    return fail ("%s", error->message);
  text = tessera_store_dup_document_text (store, document_id, &error);
  if (text == NULL)
    return fail ("%s", error->message);
  annotations = tessera_store_dup_annotations (store, document_id, &error);
  if (annotations == NULL)
    return fail ("%s", error->message);
  relations = tessera_store_dup_relations (store, document_id, &error);
  if (relations == NULL)
    return fail ("%s", error->message);
  /* Then those to other documents (a claim another article repeats). */
  {
    GPtrArray *crossing = tessera_store_dup_cross_document_relations (store, document_id,
                                                                      &error);

    if (crossing == NULL)
      return fail ("%s", error->message);
    g_ptr_array_extend_and_steal (relations, crossing);
  }

  if (globals.json)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();
      g_autofree char *out = NULL;

      json_builder_begin_object (json);
      json_builder_set_member_name (json, "id");
      json_builder_add_int_value (json, document_id);
      json_builder_set_member_name (json, "title");
      tessera_json_add_string (json, tessera_document_get_title (document));
      json_builder_set_member_name (json, "author");
      tessera_json_add_string (json, tessera_document_get_author (document));
      json_builder_set_member_name (json, "source_url");
      tessera_json_add_string (json, tessera_document_get_source_url (document));
      json_builder_set_member_name (json, "source_path");
      tessera_json_add_string (json, tessera_document_get_source_path (document));
      json_builder_set_member_name (json, "language");
      tessera_json_add_string (json, tessera_document_get_language (document));
      json_builder_set_member_name (json, "characters");
      json_builder_add_int_value (json, tessera_document_get_length (document));
      json_builder_set_member_name (json, "sha256");
      tessera_json_add_string (json, tessera_document_get_sha256 (document));
      json_builder_set_member_name (json, "status");
      tessera_json_add_string (json,
                               tessera_progress_to_string (tessera_document_get_progress (document)));
      if (show_text)
        {
          json_builder_set_member_name (json, "text");
          tessera_json_add_string (json, text);
        }
      json_builder_set_member_name (json, "annotations");
      json_builder_begin_array (json);
      for (guint i = 0; i < annotations->len; i++)
        json_annotation (json, store, g_ptr_array_index (annotations, i), text, &cursor);
      json_builder_end_array (json);
      json_relations (json, relations);
      json_builder_end_object (json);
      out = tessera_json_to_text (json);
      g_print ("%s\n", out);
      return EXIT_SUCCESS;
    }

  g_print (_("Document %" PRId64 ": %s\n"), document_id,
           tessera_document_get_title (document));
  if (tessera_document_get_author (document))
    g_print (_("Author: %s\n"), tessera_document_get_author (document));
  if (tessera_document_get_source_url (document))
    g_print (_("Source: %s\n"), tessera_document_get_source_url (document));
  if (tessera_document_get_source_path (document))
    g_print (_("Imported from: %s\n"), tessera_document_get_source_path (document));
  g_print (_("Characters: %u · Status: %s\n"), tessera_document_get_length (document),
           progress_label (tessera_document_get_progress (document)));

  if (show_text)
    g_print ("\n%s\n\n", text);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u annotation\n", "%u annotations\n",
                        annotations->len), annotations->len);
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);
      g_autoptr(TesseraAnnotationType) type =
        tessera_store_dup_annotation_type (store, tessera_annotation_get_type_id (annotation));
      guint n_ranges;
      const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n_ranges);
      g_autofree char *covered = tessera_text_slice_ranges_at (text, &cursor, ranges, n_ranges,
                                                               " … ");
      g_autofree char *label = fit (type ? tessera_annotation_type_get_label_localized (type) : "?", 14);
      g_autoptr(GString) where = g_string_new (NULL);

      for (guint j = 0; j < n_ranges; j++)
        g_string_append_printf (where, "%s%u–%u", j ? "," : "", ranges[j].start, ranges[j].end);
      /* Padded but never cut: this is the only place the text output shows the offsets. */
      while (g_utf8_strlen (where->str, -1) < 13)
        g_string_append_c (where, ' ');

      g_print ("  #%-5" G_GINT64_FORMAT " %s %s «%s»", tessera_annotation_get_id (annotation),
               label, where->str, covered);
      if (tessera_annotation_get_entity_id (annotation))
        {
          g_autoptr(TesseraEntity) entity =
            tessera_store_dup_entity (store, tessera_annotation_get_entity_id (annotation), NULL);

          if (entity != NULL)
            g_print (" → %s", tessera_entity_get_name (entity));
        }
      if (type != NULL && tessera_annotation_type_carries_claim (type))
        {
          g_autoptr(TesseraClaim) claim =
            tessera_store_dup_claim (store, tessera_annotation_get_id (annotation), NULL);

          if (claim != NULL && !tessera_claim_is_complete (claim))
            g_print ("  %s", _("(no source yet)"));
        }
      g_print ("\n");
    }
  print_relations (store, document_id, relations);

  return EXIT_SUCCESS;
}

/* annotate ----------------------------------------------------------------------------- */

static char *annotate_type;
static char *annotate_text;
static char *annotate_occurrence;
static char *annotate_start;
static char *annotate_end;
static char **annotate_ranges;
static char *annotate_note;
static char *annotate_certainty;
static char *annotate_repeat;

static const GOptionEntry annotate_entries[] = {
  { "type", 't', 0, G_OPTION_ARG_STRING, &annotate_type,
    N_("Annotation type: key, label or shortcut (person, Personne, 1…)"), N_("TYPE") },
  { "text", 0, 0, G_OPTION_ARG_STRING, &annotate_text,
    N_("Mark this text (its first occurrence unless --occurrence is given)"), N_("TEXT") },
  { "occurrence", 'n', 0, G_OPTION_ARG_STRING, &annotate_occurrence,
    N_("Which occurrence of --text to mark, from 1"), N_("N") },
  { "start", 0, 0, G_OPTION_ARG_STRING, &annotate_start,
    N_("First character (code point offset, from 0)"), N_("OFFSET") },
  { "end", 0, 0, G_OPTION_ARG_STRING, &annotate_end,
    N_("One past the last character"), N_("OFFSET") },
  { "range", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &annotate_ranges,
    N_("A range START:END; repeat for a discontinuous span"), N_("START:END") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &annotate_note, N_("A note"), N_("TEXT") },
  { "certainty", 0, 0, G_OPTION_ARG_STRING, &annotate_certainty, NULL, N_("LEVEL") },
  { "repeat", 0, 0, G_OPTION_ARG_STRING, &annotate_repeat,
    N_("Mark N spans of the same length one after the other, each saved and printed on its "
       "own (to test and time the store)"), N_("N") },
  { NULL }
};

static gboolean
parse_range (const char   *text,
             TesseraRange *range)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  guint64 start, end;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &start, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &end, NULL))
    return FALSE;
  range->start = (guint) start;
  range->end = (guint) end;
  return TRUE;
}

/* Marks one span and says so; the line is flushed at once, so that whoever reads it knows
 * the annotation is saved. */
static int
annotate_span (TesseraStore          *store,
               TesseraAnnotationType *type,
               gint64                 document_id,
               const char            *text,
               GArray                *ranges,
               TesseraCertainty       certainty)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *covered = NULL;
  gboolean existing = FALSE;
  gint64 id;

  id = tessera_store_add_annotation (store, document_id, tessera_annotation_type_get_id (type),
                                     (TesseraRange *) (gpointer) ranges->data, ranges->len,
                                     &existing, &error);
  if (id == 0)
    return fail ("%s", error->message);

  g_array_sort (ranges, (GCompareFunc) tessera_range_compare);
  covered = tessera_text_slice_ranges (text, (TesseraRange *) (gpointer) ranges->data,
                                       ranges->len, " … ");

  if (existing)
    {
      g_print (_("Annotation %" PRId64 " already marks «%s» as %s; nothing changed\n"),
               id, covered, tessera_annotation_type_get_label_localized (type));
      fflush (stdout);
      return EXIT_SUCCESS;
    }

  if (annotate_note != NULL &&
      !tessera_store_set_annotation_note (store, id, annotate_note, &error))
    return fail ("%s", error->message);
  if (annotate_certainty != NULL &&
      !tessera_store_set_annotation_certainty (store, id, certainty, &error))
    return fail ("%s", error->message);

  g_print (_("Annotation %" PRId64 ": %s «%s»\n"), id,
           tessera_annotation_type_get_label_localized (type), covered);
  fflush (stdout);
  return EXIT_SUCCESS;
}

/* What the options say, once checked. */
static guint64 annotate_occurrence_number = 1;
static guint64 annotate_repeat_count = 1;
static TesseraCertainty annotate_certainty_level = TESSERA_CERTAINTY_UNKNOWN;
static GArray *annotate_spans;   /* TesseraRange: from --start and --end, or --range */

static gboolean
check_annotate_options (int *out_status)
{
  guint64 start = 0, end = 0;
  int ways = 0;

  annotate_occurrence_number = 1;
  annotate_repeat_count = 1;
  annotate_certainty_level = TESSERA_CERTAINTY_UNKNOWN;
  if (annotate_type == NULL)
    return refuse ("annotate", _("Say which type of annotation with --type"), out_status);

  ways += annotate_text != NULL;
  ways += annotate_start != NULL || annotate_end != NULL;
  ways += annotate_ranges != NULL;
  if (ways != 1)
    return refuse ("annotate",
                   _("Give the span in one way: --text, or --start and --end, or --range"),
                   out_status);
  if ((annotate_start != NULL) != (annotate_end != NULL))
    return refuse ("annotate", _("--start and --end go together"), out_status);
  if (annotate_occurrence != NULL && annotate_text == NULL)
    return refuse ("annotate", _("--occurrence goes with --text"), out_status);
  if (!parse_number_option ("annotate", "--occurrence", annotate_occurrence, 1, G_MAXINT,
                            &annotate_occurrence_number, out_status) ||
      !parse_number_option ("annotate", "--start", annotate_start, 0, G_MAXINT, &start,
                            out_status) ||
      !parse_number_option ("annotate", "--end", annotate_end, 0, G_MAXINT, &end, out_status) ||
      !parse_number_option ("annotate", "--repeat", annotate_repeat, 1, G_MAXINT,
                            &annotate_repeat_count, out_status))
    return FALSE;
  /* Its code is checked already, with every option that takes one (check_code_options()). */
  if (annotate_certainty != NULL)
    tessera_certainty_from_string (annotate_certainty, &annotate_certainty_level);
  if (annotate_repeat_count > 1 && annotate_ranges != NULL)
    return refuse ("annotate", _("--repeat goes with one span: --text, or --start and --end"),
                   out_status);
  if (!check_text_option ("annotate", "--note", annotate_note, out_status))
    return FALSE;

  annotate_spans = g_array_new (FALSE, FALSE, sizeof (TesseraRange));
  if (annotate_start != NULL)
    {
      TesseraRange range = { (guint) start, (guint) end };
      g_array_append_val (annotate_spans, range);
    }
  for (guint i = 0; annotate_ranges != NULL && annotate_ranges[i]; i++)
    {
      TesseraRange range;

      if (!parse_range (annotate_ranges[i], &range))
        return refuse ("annotate", _("A --range is written START:END, e.g. 120:132"),
                       out_status);
      g_array_append_val (annotate_spans, range);
    }
  return TRUE;
}

static int
command_annotate (int    argc,
                  char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GArray *ranges;
  gint64 document_id;
  TesseraCertainty certainty;
  guint64 occurrence, repeat;
  int status;

  if (!start_command ("annotate", &argc, &argv, &store, &document_id, &status))
    return status;
  ranges = annotate_spans;
  certainty = annotate_certainty_level;
  occurrence = annotate_occurrence_number;
  repeat = annotate_repeat_count;

  type = tessera_store_find_annotation_type (store, annotate_type);
  if (type == NULL)
    return fail (_("There is no annotation type “%s” in this project"), annotate_type);

  text = tessera_store_dup_document_text (store, document_id, &error);
  if (text == NULL)
    return fail ("%s", error->message);

  if (annotate_text != NULL)
    {
      TesseraRange range;

      if (!tessera_text_find (text, annotate_text, (guint) occurrence, &range))
        {
          guint count = tessera_text_count (text, annotate_text);

          if (count == 0)
            return fail (_("“%s” does not occur in document %" PRId64),
                         annotate_text, document_id);
          return fail (g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” occurs only %u time in document %" PRId64,
                                    "“%s” occurs only %u times in document %" PRId64,
                                    count),
                       annotate_text, count, document_id);
        }
      g_array_append_val (ranges, range);
    }

  if (repeat == 1)
    return annotate_span (store, type, document_id, text, ranges, certainty);

  /* --repeat: the spans follow one another, each in its own transaction. */
  {
    TesseraRange first = g_array_index (ranges, TesseraRange, 0);
    guint span = first.end > first.start ? first.end - first.start : 0;
    guint length = tessera_text_length (text);

    if ((guint64) first.start + (guint64) span * repeat > length)
      return fail (_("%d spans of %u characters from offset %u do not fit in document "
                     "%" PRId64 " (%u characters); nothing was changed"),
                   (int) repeat, span, first.start, document_id, length);

    for (int i = 0; i < (int) repeat; i++)
      {
        TesseraRange range = { first.start + (guint) i * span,
                               first.start + (guint) (i + 1) * span };

        g_array_set_size (ranges, 0);
        g_array_append_val (ranges, range);
        status = annotate_span (store, type, document_id, text, ranges, certainty);
        if (status != EXIT_SUCCESS)
          return status;
      }
  }

  return EXIT_SUCCESS;
}

/* remove ------------------------------------------------------------------------------- */

typedef gboolean (*IdChange) (TesseraStore *store, gint64 id, GError **error);
typedef void     (*IdReport) (gint64 id);

/* The body of a command that makes one change to what its one id names, then says so. */
static int
change_by_id (const char  *name,
              int          argc,
              char       **argv,
              IdChange     change,
              IdReport     report)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status;

  if (!start_command (name, &argc, &argv, &store, &id, &status))
    return status;
  if (!change (store, id, &error))
    return fail ("%s", error->message);
  report (id);
  return EXIT_SUCCESS;
}

static void
report_removed_annotation (gint64 id)
{
  g_print (_("Removed annotation %" PRId64 "\n"), id);
}

static int
command_remove (int    argc,
                char **argv)
{
  return change_by_id ("remove", argc, argv, tessera_store_remove_annotation,
                       report_removed_annotation);
}

/* undo, redo --------------------------------------------------------------------------- */

static int
replay (const char *name,
        gboolean    undo,
        int         argc,
        char      **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  int status;

  if (!start_command (name, &argc, &argv, &store, NULL, &status))
    return status;

  entry = undo ? tessera_store_undo (store, &error) : tessera_store_redo (store, &error);
  if (entry == NULL)
    return fail ("%s", error->message);

  /* Said in the user's words, as the window says it. */
  description = tessera_store_describe_journal_entry (store, entry);
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), description);
  g_print ("%s\n", message);
  return EXIT_SUCCESS;
}

static int
command_undo (int    argc,
              char **argv)
{
  return replay ("undo", TRUE, argc, argv);
}

static int
command_redo (int    argc,
              char **argv)
{
  return replay ("redo", FALSE, argc, argv);
}

/* stats -------------------------------------------------------------------------------- */

static int
command_stats (int    argc,
               char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;
  int status;

  if (!start_command ("stats", &argc, &argv, &store, &document_id, &status))
    return status;

  if (document_id != 0)
    {
      g_autoptr(TesseraDocument) document = tessera_store_dup_document (store, document_id, &error);

      if (document == NULL)
        return fail ("%s", error->message);
    }

  stats = tessera_store_dup_stats (store, document_id, &error);
  if (stats == NULL)
    return fail ("%s", error->message);

  if (globals.json)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();
      g_autofree char *out = NULL;

      json_builder_begin_object (json);
      json_builder_set_member_name (json, "documents");
      json_builder_add_int_value (json, stats->n_documents);
      json_builder_set_member_name (json, "characters");
      json_builder_add_int_value (json, stats->n_characters);
      json_builder_set_member_name (json, "annotations");
      json_builder_add_int_value (json, stats->n_annotations);
      json_builder_set_member_name (json, "entities");
      json_builder_add_int_value (json, stats->n_entities);
      json_builder_set_member_name (json, "linked_mentions");
      json_builder_add_int_value (json, stats->n_linked_mentions);
      json_builder_set_member_name (json, "claims");
      json_builder_add_int_value (json, stats->n_claims);
      json_builder_set_member_name (json, "claims_with_source");
      json_builder_add_int_value (json, stats->n_claims_with_source);
      json_builder_set_member_name (json, "relations");
      json_builder_add_int_value (json, stats->n_relations);
      json_builder_set_member_name (json, "annotators");
      json_builder_add_int_value (json, stats->n_annotators);
      json_builder_set_member_name (json, "per_type");
      json_builder_begin_object (json);
      for (guint i = 0; i < stats->per_type->len; i++)
        {
          TesseraTypeCount *count = &g_array_index (stats->per_type, TesseraTypeCount, i);
          g_autoptr(TesseraAnnotationType) type =
            tessera_store_dup_annotation_type (store, count->type_id);

          if (type == NULL)
            continue;
          json_builder_set_member_name (json, tessera_annotation_type_get_key (type));
          json_builder_add_int_value (json, count->count);
        }
      json_builder_end_object (json);
      json_builder_end_object (json);
      out = tessera_json_to_text (json);
      g_print ("%s\n", out);
      return EXIT_SUCCESS;
    }

  g_print (_("Documents:          %u\n"), stats->n_documents);
  g_print (_("Characters:         %u\n"), stats->n_characters);
  g_print (_("Annotations:        %u\n"), stats->n_annotations);
  for (guint i = 0; i < stats->per_type->len; i++)
    {
      TesseraTypeCount *count = &g_array_index (stats->per_type, TesseraTypeCount, i);
      g_autoptr(TesseraAnnotationType) type =
        tessera_store_dup_annotation_type (store, count->type_id);
      g_autofree char *label = NULL;

      if (type == NULL)
        continue;
      label = fit (tessera_annotation_type_get_label_localized (type), 16);
      g_print ("  %s  %u\n", label, count->count);
    }
  g_print (_("Entities:           %u\n"), stats->n_entities);
  g_print (_("Linked mentions:    %u\n"), stats->n_linked_mentions);
  g_print (_("Claims:             %u (%u with a source)\n"), stats->n_claims,
           stats->n_claims_with_source);
  g_print (_("Relations:          %u\n"), stats->n_relations);
  g_print (_("Annotators:         %u\n"), stats->n_annotators);
  return EXIT_SUCCESS;
}

/* check -------------------------------------------------------------------------------- */

static int
command_check (int    argc,
               char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!start_command ("check", &argc, &argv, &store, NULL, &status))
    return status;

  if (!tessera_store_check (store, &problems, &error))
    return fail (_("The project could not be checked: %s"), error->message);

  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("tessera-cli: %s: %s\n", tessera_store_get_path (store),
                    (char *) g_ptr_array_index (problems, i));
      return EXIT_FAILURE;
    }

  g_print (_("%s: no problems found\n"), tessera_store_get_path (store));
  return EXIT_SUCCESS;
}

/* link --------------------------------------------------------------------------------- */

static char *link_entity;
static char *link_new;
static char **link_uris;

static const GOptionEntry link_entries[] = {
  { "entity", 'e', 0, G_OPTION_ARG_STRING, &link_entity,
    N_("Link to this existing entity"), N_("ID") },
  { "new", 0, 0, G_OPTION_ARG_STRING, &link_new,
    N_("Create an entity with this canonical name and link to it"), N_("NAME") },
  { "uri", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &link_uris,
    N_("An authority URI for the entity (Wikidata, GeoNames, VIAF, IdRef…); repeatable"),
    N_("URI") },
  { NULL }
};

static guint64 link_entity_id;   /* --entity, once checked */

static gboolean
check_link_options (int *out_status)
{
  link_entity_id = 0;
  if ((link_entity != NULL) == (link_new != NULL))
    return refuse ("link", _("Give either --entity ID or --new NAME"), out_status);
  if (!parse_number_option ("link", "--entity", link_entity, 1, G_MAXINT64, &link_entity_id,
                            out_status) ||
      !check_text_option ("link", "--new", link_new, out_status))
    return FALSE;
  for (guint i = 0; link_uris != NULL && link_uris[i] != NULL; i++)
    {
      if (!check_text_option ("link", "--uri", link_uris[i], out_status))
        return FALSE;
    }
  return TRUE;
}

static int
command_link (int    argc,
              char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(TesseraEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  gint64 annotation_id, entity_id;
  guint64 linked_entity;
  int status;

  if (!start_command ("link", &argc, &argv, &store, &annotation_id, &status))
    return status;
  linked_entity = link_entity_id;

  annotation = tessera_store_dup_annotation (store, annotation_id, &error);
  if (annotation == NULL)
    return fail ("%s", error->message);

  entity_id = (gint64) linked_entity;
  if (link_new != NULL)
    {
      /* The entity, its first authority link and the link: one change. */
      entity_id = tessera_store_add_entity_for_mention (store, annotation_id, link_new,
                                                        link_uris ? link_uris[0] : NULL, &error);
      if (entity_id == 0)
        return fail ("%s", error->message);
    }
  for (guint i = link_new != NULL ? 1 : 0; link_uris != NULL && link_uris[i] != NULL; i++)
    {
      if (!tessera_store_add_entity_authority (store, entity_id, NULL, link_uris[i], &error))
        return fail ("%s", error->message);
    }
  if (link_new == NULL && !tessera_store_link_annotation (store, annotation_id, entity_id, &error))
    return fail ("%s", error->message);

  entity = tessera_store_dup_entity (store, entity_id, &error);
  if (entity == NULL)
    return fail ("%s", error->message);
  g_print (_("Annotation %" PRId64 " now names entity %" PRId64 " (%s)\n"),
           annotation_id, entity_id, tessera_entity_get_name (entity));
  return EXIT_SUCCESS;
}

/* claim -------------------------------------------------------------------------------- */

static char *claim_source;
static char *claim_source_entity;
static char *claim_cue;
static char *claim_parent;
static char *claim_source_kind;
static char *claim_quote_type;
static char *claim_polarity;
static char *claim_factuality;
static char *claim_distance;
static char *claim_date;
static char *claim_topic;

static const GOptionEntry claim_entries[] = {
  { "source", 's', 0, G_OPTION_ARG_STRING, &claim_source,
    N_("The annotation that names the source"), N_("ANNOTATION") },
  { "source-entity", 0, 0, G_OPTION_ARG_STRING, &claim_source_entity,
    N_("The entity that is the source"), N_("ENTITY") },
  { "cue", 'c', 0, G_OPTION_ARG_STRING, &claim_cue,
    N_("The cue annotation («selon», «a déclaré»…)"), N_("ANNOTATION") },
  { "parent", 0, 0, G_OPTION_ARG_STRING, &claim_parent,
    N_("The claim this one is nested in"), N_("ANNOTATION") },
  /* The help of the coded options is their vocabulary (describe_code_options()). */
  { "source-kind", 0, 0, G_OPTION_ARG_STRING, &claim_source_kind, NULL, N_("KIND") },
  { "quote-type", 0, 0, G_OPTION_ARG_STRING, &claim_quote_type, NULL, N_("TYPE") },
  { "polarity", 0, 0, G_OPTION_ARG_STRING, &claim_polarity, NULL, N_("POLARITY") },
  { "factuality", 0, 0, G_OPTION_ARG_STRING, &claim_factuality, NULL, N_("VALUE") },
  { "distance", 0, 0, G_OPTION_ARG_STRING, &claim_distance, NULL, N_("DISTANCE") },
  { "date", 0, 0, G_OPTION_ARG_STRING, &claim_date,
    N_("When the statement was made (ISO 8601)"), N_("DATE") },
  { "topic", 0, 0, G_OPTION_ARG_STRING, &claim_topic, N_("The claim's topic"), N_("TOPIC") },
  { NULL }
};

/* --source, --source-entity, --cue and --parent, once checked. */
static guint64 claim_ids[4];

static gboolean
check_claim_options (int *out_status)
{
  memset (claim_ids, 0, sizeof claim_ids);
  return parse_number_option ("claim", "--source", claim_source, 1, G_MAXINT64, &claim_ids[0],
                              out_status) &&
         parse_number_option ("claim", "--source-entity", claim_source_entity, 1, G_MAXINT64,
                              &claim_ids[1], out_status) &&
         parse_number_option ("claim", "--cue", claim_cue, 1, G_MAXINT64, &claim_ids[2],
                              out_status) &&
         parse_number_option ("claim", "--parent", claim_parent, 1, G_MAXINT64, &claim_ids[3],
                              out_status) &&
         check_text_option ("claim", "--date", claim_date, out_status) &&
         check_text_option ("claim", "--topic", claim_topic, out_status);
}

static int
command_claim (int    argc,
               char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraClaim) claim = NULL;
  g_autoptr(GError) error = NULL;
  gint64 annotation_id;
  guint64 source, source_entity, cue, parent;
  int status;

  if (!start_command ("claim", &argc, &argv, &store, &annotation_id, &status))
    return status;
  source = claim_ids[0];
  source_entity = claim_ids[1];
  cue = claim_ids[2];
  parent = claim_ids[3];

  claim = tessera_store_dup_claim (store, annotation_id, &error);
  if (claim == NULL)
    return fail ("%s", error->message);

  if (source != 0)
    {
      g_autoptr(TesseraAnnotation) mention = tessera_store_dup_annotation (store,
                                                                           (gint64) source,
                                                                           &error);
      if (mention == NULL)
        return fail ("%s", error->message);
      tessera_claim_set_source_annotation_id (claim, (gint64) source);
      /* The mention's entity is the source too, unless one is named. */
      if (source_entity == 0 && tessera_annotation_get_entity_id (mention) != 0)
        tessera_claim_set_source_entity_id (claim, tessera_annotation_get_entity_id (mention));
      if (claim_source_kind == NULL && tessera_claim_get_source_kind (claim) == NULL)
        tessera_claim_set_source_kind (claim, "named");
    }
  if (source_entity != 0)
    tessera_claim_set_source_entity_id (claim, (gint64) source_entity);
  if (cue != 0)
    tessera_claim_set_cue_annotation_id (claim, (gint64) cue);
  if (parent != 0)
    tessera_claim_set_parent_annotation_id (claim, (gint64) parent);

  /* The coded fields: checked above, so the setters accept them. */
  for (const GOptionEntry *entry = claim_entries; entry->long_name != NULL; entry++)
    {
      const CodeOption *option = find_code_option (entry);

      if (option != NULL && option->set_claim != NULL && *(char **) entry->arg_data != NULL)
        option->set_claim (claim, *(char **) entry->arg_data);
    }
  if (claim_date != NULL)
    tessera_claim_set_statement_date (claim, claim_date);
  if (claim_topic != NULL)
    tessera_claim_set_topic (claim, claim_topic);

  if (!tessera_store_update_claim (store, claim, &error))
    return fail ("%s", error->message);

  g_print (tessera_claim_is_complete (claim)
             ? _("Claim %" PRId64 " updated\n")
             : _("Claim %" PRId64 " updated; it has no source yet\n"),
           annotation_id);
  return EXIT_SUCCESS;
}

/* export ------------------------------------------------------------------------------- */

static char *export_format;
static char *export_output;
static char **export_options;
static gboolean export_corpus;
static gboolean export_standoff;
static gboolean export_anchors;
static char *export_licence;
static char *export_publisher;

/* --corpus, --standoff, --anchors, --licence and --publisher are short for the options of
 * the same name (tessera-cli formats lists them). */
static const GOptionEntry export_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &export_format,
    N_("The format (tessera-cli formats lists them)"), N_("ID") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &export_output,
    N_("A folder (one file per document), or the file with --corpus"), N_("PATH") },
  { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &export_options,
    N_("Set an option of the format (tessera-cli formats lists them)"), N_("NAME=VALUE") },
  { "corpus", 0, 0, G_OPTION_ARG_NONE, &export_corpus,
    N_("Write one teiCorpus file instead of one file per document"), NULL },
  { "standoff", 0, 0, G_OPTION_ARG_NONE, &export_standoff,
    N_("Write every annotation in standOff, leaving the text unmarked"), NULL },
  { "anchors", 0, 0, G_OPTION_ARG_NONE, &export_anchors,
    N_("Delimit overlapping annotations with anchors instead of fragments"), NULL },
  { "licence", 0, 0, G_OPTION_ARG_STRING, &export_licence,
    N_("The licence of the annotations, as a URL"), N_("URL") },
  { "publisher", 0, 0, G_OPTION_ARG_STRING, &export_publisher,
    N_("The publisher named in the files (default: the annotator)"), N_("NAME") },
  { NULL }
};

/* The options given, shorthands first, set on @exporter; a usage error otherwise. */
static gboolean
set_export_options (TesseraExporter *exporter,
                    int             *out_status)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);

  if (export_corpus)
    g_ptr_array_add (options, g_strdup ("corpus=true"));
  if (export_standoff)
    g_ptr_array_add (options, g_strdup ("standoff=true"));
  if (export_anchors)
    g_ptr_array_add (options, g_strdup ("overlap=anchors"));
  if (export_licence != NULL)
    g_ptr_array_add (options, g_strconcat ("licence=", export_licence, NULL));
  if (export_publisher != NULL)
    g_ptr_array_add (options, g_strconcat ("publisher=", export_publisher, NULL));
  for (guint i = 0; export_options != NULL && export_options[i] != NULL; i++)
    g_ptr_array_add (options, g_strdup (export_options[i]));

  for (guint i = 0; i < options->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (options, i), "=", 2);

      if (pair[0] == NULL || pair[1] == NULL)
        {
          return refuse ("export", _("Give an option as --option NAME=VALUE"), out_status);
        }
      if (!tessera_format_set_option (G_OBJECT (exporter), pair[0], pair[1], &error))
        return refuse ("export", error->message, out_status);
    }
  return TRUE;
}

static TesseraExporter *export_exporter;   /* --format, once checked, with its options */

static gboolean
check_export_options (int *out_status)
{
  g_autoptr(GError) error = NULL;

  if (export_format == NULL)
    {
      g_autoptr(GPtrArray) exporters = tessera_formats_list_exporters ();
      g_autofree char *formats = dup_format_ids (exporters);
      g_autofree char *message = g_strdup_printf (_("Say which format with --format: %s"),
                                                  formats);

      return refuse ("export", message, out_status);
    }
  export_exporter = tessera_formats_new_exporter (export_format, &error);
  if (export_exporter == NULL)
    return refuse ("export", error->message, out_status);
  if (export_output == NULL)
    return refuse ("export", _("Say where to write with -o PATH"), out_status);
  if (export_standoff && export_anchors)
    return refuse ("export", _("--standoff and --anchors do not go together"), out_status);
  return set_export_options (export_exporter, out_status);
}

static int
command_export (int    argc,
                char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  TesseraExporter *exporter;
  int status;

  if (!start_command ("export", &argc, &argv, &store, NULL, &status))
    return status;
  exporter = export_exporter;
  for (int i = 2; i < argc; i++)
    {
      gint64 id = 0;

      parse_id (argv[i], &id);
      g_array_append_val (ids, id);
    }

  if (!tessera_exporter_export (exporter, store, (const gint64 *) (gpointer) ids->data,
                                ids->len, export_output, NULL, NULL, NULL, &error))
    return fail ("%s", error->message);

  if (!tessera_exporter_writes_folder (exporter))
    g_print (_("Wrote %s\n"), export_output);
  else
    {
      guint n = ids->len ? ids->len
                         : g_list_model_get_n_items (tessera_store_get_documents (store));

      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u file in %s\n", "Wrote %u files in %s\n",
                            n), n, export_output);
    }
  /* What the format could not carry, one line each. */
  for (guint i = 0; i < tessera_exporter_get_notes (exporter)->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (tessera_exporter_get_notes (exporter), i));
  return EXIT_SUCCESS;
}

/* relate, unrelate, tagset ---------------------------------------------------------------- */

static char *relate_type;
static char *relate_note;

static const GOptionEntry relate_entries[] = {
  { "type", 't', 0, G_OPTION_ARG_STRING, &relate_type,
    N_("The relation type: a key, or a label in any language (see “tessera-cli tagset”)"),
    N_("TYPE") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &relate_note, N_("A note"), N_("TEXT") },
  { NULL }
};

static gboolean
check_relate_options (int *out_status)
{
  if (relate_type == NULL || *relate_type == '\0')
    return refuse ("relate", _("Say the relation's type with --type"), out_status);
  return check_text_option ("relate", "--note", relate_note, out_status);
}

/* The keys of the tagset's relation types, for a message. */
static char *
dup_relation_type_keys (TesseraStore *store)
{
  g_autoptr(GPtrArray) types = tessera_store_dup_relation_types (store, NULL);
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < types->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "",
                            tessera_relation_type_get_key (g_ptr_array_index (types, i)));
  return g_strdup (keys->str);
}

static void
json_relation_type (JsonBuilder         *json,
                    TesseraRelationType *type)
{
  json_builder_begin_object (json);
  json_builder_set_member_name (json, "id");
  json_builder_add_int_value (json, tessera_relation_type_get_id (type));
  json_builder_set_member_name (json, "key");
  tessera_json_add_string (json, tessera_relation_type_get_key (type));
  json_builder_set_member_name (json, "label");
  tessera_json_add_string (json, tessera_relation_type_get_label (type));
  json_builder_set_member_name (json, "label_fr");
  tessera_json_add_string (json, tessera_relation_type_get_label_for (type, "fr"));
  json_builder_set_member_name (json, "label_en");
  tessera_json_add_string (json, tessera_relation_type_get_label_for (type, "en"));
  json_builder_set_member_name (json, "tei_name");
  tessera_json_add_string (json, tessera_relation_type_get_tei_name (type));
  json_builder_set_member_name (json, "color");
  tessera_json_add_string (json, tessera_relation_type_get_color (type));
  json_builder_set_member_name (json, "symmetric");
  json_builder_add_boolean_value (json, tessera_relation_type_get_symmetric (type));
  json_builder_end_object (json);
}

static int
command_relate (int    argc,
                char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraRelationType) type = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id, target_id = 0, relation_id;
  int status;

  if (!start_command ("relate", &argc, &argv, &store, &source_id, &status))
    return status;
  parse_id (argv[3], &target_id);

  type = tessera_store_find_relation_type (store, relate_type);
  if (type == NULL)
    {
      g_autofree char *keys = dup_relation_type_keys (store);

      return fail (_("There is no relation type “%s” in this project; it has: %s"),
                   relate_type, keys);
    }

  relation_id = tessera_store_add_relation (store, tessera_relation_type_get_key (type),
                                            source_id, target_id, relate_note, &error);
  if (relation_id == 0)
    return fail ("%s", error->message);

  if (globals.json)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();
      g_autoptr(GPtrArray) relations = NULL;
      g_autofree char *text = NULL;

      /* As `show` lists it, with the documents of its ends. */
      relations = tessera_store_dup_annotation_relations (store, source_id, &error);
      if (relations == NULL)
        return fail ("%s", error->message);
      for (guint i = 0; i < relations->len; i++)
        {
          TesseraRelation *relation = g_ptr_array_index (relations, i);

          if (relation->id == relation_id)
            json_relation (json, relation);
        }
      text = tessera_json_to_text (json);
      g_print ("%s\n", text);
      return EXIT_SUCCESS;
    }

  /* TRANSLATORS: a relation's id, then its type, then the annotations it links */
  g_print (_("Relation %" PRId64 ": %s, from annotation %" PRId64 " to annotation %" PRId64
             "\n"),
           relation_id, tessera_relation_type_get_label (type), source_id, target_id);
  return EXIT_SUCCESS;
}

static void
report_removed_relation (gint64 id)
{
  g_print (_("Removed relation %" PRId64 "\n"), id);
}

static int
command_unrelate (int    argc,
                  char **argv)
{
  return change_by_id ("unrelate", argc, argv, tessera_store_remove_relation,
                       report_removed_relation);
}

static void
json_annotation_type (JsonBuilder           *json,
                      TesseraAnnotationType *type)
{
  json_builder_begin_object (json);
  json_builder_set_member_name (json, "id");
  json_builder_add_int_value (json, tessera_annotation_type_get_id (type));
  json_builder_set_member_name (json, "key");
  tessera_json_add_string (json, tessera_annotation_type_get_key (type));
  json_builder_set_member_name (json, "label");
  tessera_json_add_string (json, tessera_annotation_type_get_label_localized (type));
  json_builder_set_member_name (json, "kind");
  tessera_json_add_string (json, tessera_kind_to_string (tessera_annotation_type_get_kind (type)));
  json_builder_set_member_name (json, "tei_element");
  tessera_json_add_string (json, tessera_annotation_type_get_tei_element (type));
  json_builder_set_member_name (json, "color");
  tessera_json_add_string (json, tessera_annotation_type_get_color (type));
  json_builder_set_member_name (json, "shortcut");
  tessera_json_add_string (json, tessera_annotation_type_get_shortcut (type));
  json_builder_end_object (json);
}

static int
print_tagset_json (TesseraStore *store,
                   GPtrArray    *relation_types)
{
  GListModel *tagset = tessera_store_get_tagset (store);
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "annotation_types");
  json_builder_begin_array (json);
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      json_annotation_type (json, type);
    }
  json_builder_end_array (json);
  json_builder_set_member_name (json, "relation_types");
  json_builder_begin_array (json);
  for (guint i = 0; i < relation_types->len; i++)
    json_relation_type (json, g_ptr_array_index (relation_types, i));
  json_builder_end_array (json);
  json_builder_end_object (json);
  text = tessera_json_to_text (json);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static int
command_tagset (int    argc,
                char **argv)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) relation_types = NULL;
  GListModel *tagset;
  int status;

  if (!start_command ("tagset", &argc, &argv, &store, NULL, &status))
    return status;
  relation_types = tessera_store_dup_relation_types (store, NULL);
  if (globals.json)
    return print_tagset_json (store, relation_types);

  tagset = tessera_store_get_tagset (store);
  g_print ("%s\n", _("Annotation types:"));
  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);
      g_autofree char *key = fit (tessera_annotation_type_get_key (type), 14);
      g_autofree char *label = fit (tessera_annotation_type_get_label_localized (type), 18);
      const char *shortcut = tessera_annotation_type_get_shortcut (type);

      g_print ("  %s %s %-2s %s %s\n", key, label, shortcut ? shortcut : "",
               tessera_annotation_type_get_color (type),
               tessera_annotation_type_get_tei_element (type));
    }
  g_print ("\n%s\n", _("Relation types:"));
  for (guint i = 0; i < relation_types->len; i++)
    {
      TesseraRelationType *type = g_ptr_array_index (relation_types, i);
      g_autofree char *key = fit (tessera_relation_type_get_key (type), 14);
      g_autofree char *label = fit (tessera_relation_type_get_label (type), 18);

      g_print ("  %s %s    %s <relation name=\"%s\">\n", key, label,
               tessera_relation_type_get_color (type),
               tessera_relation_type_get_tei_name (type));
    }
  return EXIT_SUCCESS;
}

/* main --------------------------------------------------------------------------------- */

static const Command commands[] = {
  { "init", "", N_("Create a project"), command_init,
    .entries = init_entries, .project = PROJECT_NONE,
    .arguments_error = N_("init takes no arguments besides --project") },
  { "import", N_("FILE|FOLDER…"), N_("Import plain-text articles (UTF-8) and TEI files"),
    command_import, describe_formats,
    .entries = import_entries, .check = check_import_options,
    .arguments = ARGUMENTS_PATHS,
    .arguments_error = N_("Name at least one file or folder to import") },
  { "list", "", N_("List the project's documents"), command_list,
    .json = TRUE, .arguments_error = N_("list takes no arguments") },
  { "show", N_("DOCUMENT"), N_("Show a document and its annotations"), command_show,
    .entries = show_entries, .json = TRUE,
    .arguments = ARGUMENTS_ID,
    .arguments_error = N_("Name one document by its id (see “tessera-cli list”)") },
  { "annotate", N_("DOCUMENT"), N_("Mark a span of a document"), command_annotate,
    .entries = annotate_entries, .check = check_annotate_options,
    .arguments = ARGUMENTS_ID,
    .arguments_error = N_("Name one document by its id (see “tessera-cli list”)") },
  { "remove", N_("ANNOTATION"), N_("Remove an annotation"), command_remove,
    .arguments = ARGUMENTS_ID,
    .arguments_error = N_("Name one annotation by its id (see “tessera-cli show”)") },
  { "link", N_("ANNOTATION"), N_("Link a mention to an entity"), command_link,
    .entries = link_entries, .check = check_link_options,
    .arguments = ARGUMENTS_ID,
    .arguments_error = N_("Name one annotation by its id (see “tessera-cli show”)") },
  { "claim", N_("ANNOTATION"), N_("Set a claim's source, cue and attribution"), command_claim,
    .entries = claim_entries, .check = check_claim_options,
    .arguments = ARGUMENTS_ID,
    .arguments_error = N_("Name one claim annotation by its id (see “tessera-cli show”)") },
  { "relate", N_("ANNOTATION ANNOTATION"), N_("Relate two annotations"),
    command_relate,
    .entries = relate_entries, .check = check_relate_options, .json = TRUE,
    .arguments = ARGUMENTS_TWO_IDS,
    .arguments_error = N_("Name two annotations by their ids (see “tessera-cli show”)") },
  { "unrelate", N_("RELATION"), N_("Remove a relation"), command_unrelate,
    .arguments = ARGUMENTS_ID,
    .arguments_error = N_("Name one relation by its id (see “tessera-cli show”)") },
  { "tagset", "", N_("List the annotation types and relation types"), command_tagset,
    .json = TRUE, .arguments_error = N_("tagset takes no arguments") },
  { "undo", "", N_("Undo the last change to the project"), command_undo,
    .arguments_error = N_("undo takes no arguments") },
  { "redo", "", N_("Redo the last change undone"), command_redo,
    .arguments_error = N_("redo takes no arguments") },
  { "stats", N_("[DOCUMENT]"), N_("Count what the project (or a document) holds"),
    command_stats,
    .json = TRUE, .arguments = ARGUMENTS_OPTIONAL_ID,
    .arguments_error = N_("Name at most one document by its id") },
  { "check", "", N_("Check the project's integrity"), command_check,
    .project = PROJECT_OPEN, .arguments_error = N_("check takes no arguments") },
  { "export", N_("[DOCUMENT…]"), N_("Export documents (all when none is named)"),
    command_export, describe_formats,
    .entries = export_entries, .check = check_export_options,
    .arguments = ARGUMENTS_IDS,
    .arguments_error = N_("Name documents by their ids (see “tessera-cli list”)") },
  { "formats", "", N_("List the formats Tessera imports and exports, with their options"),
    command_formats,
    .project = PROJECT_NONE, .arguments_error = N_("formats takes no arguments") },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }
  return NULL;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: tessera-cli COMMAND [OPTIONS…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Every command takes --project FILE (default: the default "
                               "project) and --help."));
  fprintf (stream, "%s\n\n", _("Exit status: 0 success, 1 failure, 2 wrong usage."));
  {
    g_autofree char *formats = describe_formats ();

    fprintf (stream, "%s", formats);
  }
}

/**
 * tessera_cli_run:
 * @argc: the number of arguments
 * @argv: the arguments, the program's name first
 *
 * Runs one command of tessera-cli, as main() does once the locale is set up.
 *
 * Returns: the exit status: 0 success, 1 failure, 2 wrong usage
 */
int
tessera_cli_run (int    argc,
                 char **argv)
{
  const Command *command = NULL;
  int command_index = 0;
  int status;

  /* The command is the first word that is neither an option nor an option's value. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--project") || g_str_equal (argv[i], "-p") ||
          g_str_equal (argv[i], "--annotator") || g_str_equal (argv[i], "-a"))
        {
          i++;
          continue;
        }
      if (argv[i][0] == '-')
        continue;
      command_index = i;
      break;
    }

  if (command_index == 0)
    {
      for (int i = 1; i < argc; i++)
        {
          if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
            {
              print_usage (stdout);
              return EXIT_SUCCESS;
            }
          if (g_str_equal (argv[i], "--version"))
            {
              g_print ("tessera-cli %s\n", PACKAGE_VERSION);
              return EXIT_SUCCESS;
            }
        }
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = find_command (argv[command_index]);
  if (command == NULL)
    {
      g_printerr (_("tessera-cli: “%s” is not a command\n"), argv[command_index]);
      print_usage (stderr);
      return EXIT_USAGE;
    }

  /* Give the command an argv of the form: tessera-cli COMMAND ARGS… */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new ();
    char **command_argv;

    g_ptr_array_add (args, argv[0]);
    g_ptr_array_add (args, argv[command_index]);
    for (int i = 1; i < argc; i++)
      {
        if (i != command_index)
          g_ptr_array_add (args, argv[i]);
      }
    g_ptr_array_add (args, NULL);

    command_argv = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
    status = command->run ((int) g_strv_length (command_argv), command_argv);
    g_free (command_argv);
  }

  g_clear_pointer (&globals.project, g_free);
  g_clear_pointer (&globals.annotator, g_free);
  g_clear_pointer (&import_format, g_free);
  g_clear_pointer (&export_format, g_free);
  g_clear_pointer (&export_options, g_strfreev);
  g_clear_pointer (&export_output, g_free);
  g_clear_pointer (&export_licence, g_free);
  g_clear_pointer (&export_publisher, g_free);
  g_clear_pointer (&annotate_spans, g_array_unref);
  g_clear_pointer (&relate_type, g_free);
  g_clear_pointer (&relate_note, g_free);
  g_clear_object (&import_importer);
  g_clear_object (&export_exporter);
  return status;
}
