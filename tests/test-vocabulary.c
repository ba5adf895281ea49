/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "test-common.h"

/*
 * The kinds and vocabularies of model/tessera-vocabulary.c, and everything that must agree
 * with them: the project's CHECK constraints, the claim's setters, the command line's help
 * and checks, the labels' French translations.
 */

/* Where each vocabulary is stored in a project. */
static const struct
{
  TesseraVocabulary  vocabulary;
  const char        *table;
  const char        *column;
} columns[] = {
  { TESSERA_VOCABULARY_KIND, "annotation_type", "kind" },
  { TESSERA_VOCABULARY_CERTAINTY, "annotation", "certainty" },
  { TESSERA_VOCABULARY_STATUS, "annotation", "status" },
  { TESSERA_VOCABULARY_PROGRESS, "document", "progress" },
  { TESSERA_VOCABULARY_SOURCE_KIND, "claim", "source_kind" },
  { TESSERA_VOCABULARY_QUOTE_TYPE, "claim", "quote_type" },
  { TESSERA_VOCABULARY_POLARITY, "claim", "polarity" },
  { TESSERA_VOCABULARY_FACTUALITY, "claim", "factuality" },
  { TESSERA_VOCABULARY_WRITER_DISTANCE, "claim", "writer_distance" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (columns) == TESSERA_N_VOCABULARIES);

/* The claim's coded fields: setter, getter and command-line option. */
static const struct
{
  TesseraVocabulary   vocabulary;
  gboolean          (*set) (TesseraClaim *claim,
                            const char   *code);
  const char       *(*get) (TesseraClaim *claim);
  const char         *option;
} claim_fields[] = {
  { TESSERA_VOCABULARY_SOURCE_KIND, tessera_claim_set_source_kind,
    tessera_claim_get_source_kind, "--source-kind" },
  { TESSERA_VOCABULARY_QUOTE_TYPE, tessera_claim_set_quote_type,
    tessera_claim_get_quote_type, "--quote-type" },
  { TESSERA_VOCABULARY_POLARITY, tessera_claim_set_polarity,
    tessera_claim_get_polarity, "--polarity" },
  { TESSERA_VOCABULARY_FACTUALITY, tessera_claim_set_factuality,
    tessera_claim_get_factuality, "--factuality" },
  { TESSERA_VOCABULARY_WRITER_DISTANCE, tessera_claim_set_writer_distance,
    tessera_claim_get_writer_distance, "--distance" },
};

/* Not codes: a near miss of each kind (case, space, another list's code, empty). */
static const char *unknown_codes[] = { "bogus", "", "Direct", "direct ", "ct+", "writer-" };

typedef struct
{
  TestProject  project;
  gint64       annotation_ids[TESSERA_N_KINDS];  /* one annotation of each kind */
} Fixture;

static TesseraAnnotationType *
first_type_of_kind (TesseraStore *store,
                    TesseraKind   kind)
{
  GListModel *tagset = tessera_store_get_tagset (store);

  for (guint i = 0; i < g_list_model_get_n_items (tagset); i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      if (tessera_annotation_type_get_kind (type) == kind)
        return g_steal_pointer (&type);
    }
  return NULL;
}

/* A project with one document and, from the default tagset, an annotation of each kind. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraDocumentInfo info = { .title = (char *) "Essai", .language = (char *) "fr" };
  TesseraStore *store;

  test_project_set_up (&fixture->project, "tessera-vocabulary-XXXXXX", "test.tessera");
  store = fixture->project.store;
  fixture->project.document_id =
    tessera_store_add_document (store, &info, "Selon le ministre, « tout va bien ».", NULL,
                                &error);
  g_assert_no_error (error);

  for (TesseraKind kind = 0; kind < TESSERA_N_KINDS; kind++)
    {
      g_autoptr(TesseraAnnotationType) type = first_type_of_kind (store, kind);
      TesseraRange range = { 2 * kind, 2 * kind + 1 };

      g_assert_nonnull (type);
      fixture->annotation_ids[kind] =
        tessera_store_add_annotation (store, fixture->project.document_id,
                                      tessera_annotation_type_get_id (type), &range, 1, NULL,
                                      &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_project_tear_down (&fixture->project);
}

/* The tables --------------------------------------------------------------------------- */

static void
test_terms (void)
{
  for (TesseraVocabulary v = 0; v < TESSERA_N_VOCABULARIES; v++)
    {
      const char * const *codes = tessera_vocabulary_get_codes (v);
      guint n_terms = tessera_vocabulary_get_n_terms (v);

      g_test_message ("vocabulary %s", tessera_vocabulary_get_name (v));
      g_assert_cmpuint (n_terms, >, 1);
      g_assert_cmpuint (g_strv_length ((char **) codes), ==, n_terms);
      g_assert_nonnull (tessera_vocabulary_get_title (v));

      for (guint i = 0; i < n_terms; i++)
        {
          const char *code = tessera_vocabulary_get_code (v, i);
          guint position = G_MAXUINT;

          g_assert_cmpstr (codes[i], ==, code);
          /* Codes go into SQL lists, XML attributes and command lines as they are. */
          g_assert_cmpuint (strspn (code, "abcdefghijklmnopqrstuvwxyz"
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-"), ==,
                            strlen (code));
          g_assert_true (tessera_vocabulary_lookup (v, code, &position));
          g_assert_cmpuint (position, ==, i);   /* so codes are unique too */
          g_assert_cmpstr (tessera_vocabulary_get_label (v, i), !=, "");
          g_assert_cmpstr (tessera_vocabulary_label_of (v, code), ==,
                           tessera_vocabulary_get_label (v, i));
        }
      for (guint i = 0; i < G_N_ELEMENTS (unknown_codes); i++)
        {
          g_assert_false (tessera_vocabulary_contains (v, unknown_codes[i]));
          g_assert_null (tessera_vocabulary_label_of (v, unknown_codes[i]));
        }
      g_assert_false (tessera_vocabulary_contains (v, NULL));
    }
}

/* The enumerations' values are their vocabularies' positions. */
static void
test_enumerations (void)
{
  for (guint i = 0; i < tessera_vocabulary_get_n_terms (TESSERA_VOCABULARY_KIND); i++)
    {
      TesseraKind kind = TESSERA_N_KINDS;

      g_assert_cmpstr (tessera_kind_to_string (i), ==,
                       tessera_vocabulary_get_code (TESSERA_VOCABULARY_KIND, i));
      g_assert_true (tessera_kind_from_string (tessera_kind_to_string (i), &kind));
      g_assert_cmpuint (kind, ==, i);
    }
  g_assert_cmpuint (tessera_vocabulary_get_n_terms (TESSERA_VOCABULARY_KIND), ==, TESSERA_N_KINDS);
  g_assert_cmpstr (tessera_certainty_to_string (TESSERA_CERTAINTY_HIGH), ==, "high");
  g_assert_cmpstr (tessera_status_to_string (TESSERA_STATUS_SUGGESTED), ==, "suggested");
  g_assert_cmpstr (tessera_progress_to_string (TESSERA_PROGRESS_IN_PROGRESS), ==, "in-progress");
  g_assert_cmpstr (tessera_progress_to_label (TESSERA_PROGRESS_DONE), ==,
                   tessera_vocabulary_label_of (TESSERA_VOCABULARY_PROGRESS, "done"));
  g_assert_false (tessera_certainty_from_string ("certain", NULL));
}

/* What each kind can do decides what the store does with its annotations. */
static void
test_kinds (Fixture       *fixture,
            gconstpointer  data)
{
  TesseraStore *store = fixture->project.store;
  g_autoptr(GError) entity_error = NULL;
  gint64 entity_id = tessera_store_add_entity (store, "Le ministre", 0, NULL, &entity_error);

  g_assert_no_error (entity_error);
  g_assert_true (tessera_kind_links_entity (TESSERA_KIND_ENTITY));
  g_assert_true (tessera_kind_carries_claim (TESSERA_KIND_CLAIM));
  g_assert_true (tessera_kind_can_be_cue (TESSERA_KIND_CUE));

  for (TesseraKind kind = 0; kind < TESSERA_N_KINDS; kind++)
    {
      g_autoptr(TesseraAnnotationType) type = tessera_annotation_type_new ("new", "New", kind);
      g_autoptr(TesseraClaim) claim = NULL;
      g_autoptr(GError) error = NULL;
      gboolean linked;

      g_test_message ("kind %s", tessera_kind_to_string (kind));
      g_assert_cmpstr (tessera_kind_get_label (kind), !=, "");
      g_assert_nonnull (tessera_kind_get_tei_label (kind, "en"));
      g_assert_nonnull (tessera_kind_get_tei_label (kind, "fr"));

      /* A new type of the kind takes its TEI defaults. */
      g_assert_cmpstr (tessera_annotation_type_get_tei_element (type), ==,
                       tessera_kind_get_tei_element (kind));
      g_assert_cmpstr (tessera_annotation_type_get_tei_type (type), ==,
                       tessera_kind_get_tei_type (kind));
      g_assert_cmpint (tessera_annotation_type_links_entity (type), ==,
                       tessera_kind_links_entity (kind));
      g_assert_cmpint (tessera_annotation_type_carries_claim (type), ==,
                       tessera_kind_carries_claim (kind));

      /* An annotation has a claim record exactly when its kind carries one... */
      claim = tessera_store_dup_claim (store, fixture->annotation_ids[kind], &error);
      g_assert_cmpint (claim != NULL, ==, tessera_kind_carries_claim (kind));
      g_clear_error (&error);

      /* ...and may name an entity exactly when its kind links to one. */
      linked = tessera_store_link_annotation (store, fixture->annotation_ids[kind], entity_id,
                                              &error);
      g_assert_cmpint (linked, ==, tessera_kind_links_entity (kind));
      if (!linked)
        g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
    }
}

/* The claim's setters ------------------------------------------------------------------ */

static void
test_setters (Fixture       *fixture,
              gconstpointer  data)
{
  TesseraStore *store = fixture->project.store;
  gint64 claim_id = fixture->annotation_ids[TESSERA_KIND_CLAIM];
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (store, claim_id, &error);

  g_assert_no_error (error);
  for (guint f = 0; f < G_N_ELEMENTS (claim_fields); f++)
    {
      TesseraVocabulary v = claim_fields[f].vocabulary;

      for (guint i = 0; i < tessera_vocabulary_get_n_terms (v); i++)
        {
          const char *code = tessera_vocabulary_get_code (v, i);
          g_autoptr(TesseraClaim) stored = NULL;

          /* Accepted by the setter, then by the project, and read back. */
          g_assert_true (claim_fields[f].set (claim, code));
          g_assert_cmpstr (claim_fields[f].get (claim), ==, code);
          g_assert_true (tessera_store_update_claim (store, claim, &error));
          g_assert_no_error (error);
          stored = tessera_store_dup_claim (store, claim_id, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (claim_fields[f].get (stored), ==, code);
        }

      /* Refused, and the field keeps its value. */
      for (guint i = 0; i < G_N_ELEMENTS (unknown_codes); i++)
        {
          g_autofree char *before = g_strdup (claim_fields[f].get (claim));

          g_assert_false (claim_fields[f].set (claim, unknown_codes[i]));
          g_assert_cmpstr (claim_fields[f].get (claim), ==, before);
        }
      g_assert_true (claim_fields[f].set (claim, NULL));
      g_assert_null (claim_fields[f].get (claim));
    }
}

/* The schema --------------------------------------------------------------------------- */

static char *
dup_table_sql (sqlite3    *db,
               const char *table)
{
  sqlite3_stmt *stmt = NULL;
  char *sql;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master"
                                       " WHERE type = 'table' AND name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return sql;
}

/* The CHECK of each coded column in a new project lists exactly its vocabulary's codes,
 * in order. This fails when a term is added without the migration step that widens the
 * projects' CHECK (see tessera-store-schema.c). */
static void
test_schema_check (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_clear_object (&fixture->project.store);
  g_assert_cmpint (sqlite3_open_v2 (fixture->project.path, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      const char * const *vocabulary = tessera_vocabulary_get_codes (columns[c].vocabulary);
      g_autofree char *sql = dup_table_sql (db, columns[c].table);
      g_autofree char *in = g_strdup_printf ("CHECK (%s IN", columns[c].column);
      g_autofree char *codes = g_strjoinv ("', '", (char **) vocabulary);
      g_autofree char *expected = g_strdup_printf ("('%s')", codes);
      const char *list = strstr (sql, in);
      g_autofree char *found = NULL;

      g_assert_nonnull (list);
      list += strlen (in);
      while (g_ascii_isspace (*list))
        list++;
      found = g_strndup (list, strcspn (list, ")") + 1);
      g_assert_cmpstr (found, ==, expected);
    }
  sqlite3_close (db);
}

/* Each code is accepted by the project's constraints, a near miss refused. */
static void
test_schema_accepts (Fixture       *fixture,
                     gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_clear_object (&fixture->project.store);
  g_assert_cmpint (sqlite3_open (fixture->project.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      TesseraVocabulary v = columns[c].vocabulary;
      g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = ?", columns[c].table,
                                                 columns[c].column);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, update, -1, &stmt, NULL), ==, SQLITE_OK);
      for (guint i = 0; i < tessera_vocabulary_get_n_terms (v); i++)
        {
          sqlite3_bind_text (stmt, 1, tessera_vocabulary_get_code (v, i), -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          g_assert_cmpint (sqlite3_changes (db), >, 0);
          sqlite3_reset (stmt);
        }
      for (guint i = 0; i < G_N_ELEMENTS (unknown_codes); i++)
        {
          sqlite3_bind_text (stmt, 1, unknown_codes[i], -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_CONSTRAINT);
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The command line --------------------------------------------------------------------- */

/* Runs tessera-cli with @args, in English; returns its exit status. */
static int
run_cli (const char * const  *args,
         char               **out_stdout)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) argv_strv = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LANGUAGE", "C", TRUE);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_strv_builder_add (argv, g_getenv ("TESSERA_CLI"));
  g_strv_builder_addv (argv, (const char **) args);
  argv_strv = g_strv_builder_end (argv);
  g_spawn_sync (NULL, argv_strv, envp,
                G_SPAWN_STDERR_TO_DEV_NULL | (out_stdout == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                NULL, NULL, out_stdout, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* The codes an option's help lists: "  --polarity=POLARITY   Polarity: positive, …". */
static char **
dup_help_codes (const char *help,
                const char *option)
{
  g_autofree char *prefix = g_strdup_printf ("  %s=", option);
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *list;

      if (!g_str_has_prefix (lines[i], prefix))
        continue;
      list = strstr (lines[i], ": ");
      g_assert_nonnull (list);
      return g_strsplit (list + 2, ", ", -1);
    }
  g_error ("%s is not in the help:\n%s", option, help);
}

static void
assert_help_lists (const char        *help,
                   const char        *option,
                   TesseraVocabulary  vocabulary)
{
  g_auto(GStrv) listed = dup_help_codes (help, option);

  g_test_message ("%s", option);
  g_assert_true (g_strv_equal ((const char * const *) listed,
                               tessera_vocabulary_get_codes (vocabulary)));
}

/* Every claim code on the command line: accepted, a near miss refused. */
static void
assert_claim_option (const char *project,
                     const char *claim_id,
                     const char *option,
                     const char *code,
                     int         expected_status)
{
  const char *args[] = { "claim", "--project", project, option, code, claim_id, NULL };

  g_test_message ("%s %s", option, code);
  g_assert_cmpint (run_cli (args, NULL), ==, expected_status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *claim_args[] = { "claim", "--help", NULL };
  const char *annotate_args[] = { "annotate", "--help", NULL };
  const char *path = fixture->project.path;
  g_autofree char *claim_help = NULL;
  g_autofree char *annotate_help = NULL;
  g_autofree char *claim_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               fixture->annotation_ids[TESSERA_KIND_CLAIM]);

  if (g_getenv ("TESSERA_CLI") == NULL)
    {
      g_test_skip ("TESSERA_CLI is not set");
      return;
    }
  g_clear_object (&fixture->project.store);

  g_assert_cmpint (run_cli (claim_args, &claim_help), ==, 0);
  g_assert_cmpint (run_cli (annotate_args, &annotate_help), ==, 0);
  assert_help_lists (annotate_help, "--certainty", TESSERA_VOCABULARY_CERTAINTY);

  for (guint f = 0; f < G_N_ELEMENTS (claim_fields); f++)
    {
      TesseraVocabulary v = claim_fields[f].vocabulary;

      assert_help_lists (claim_help, claim_fields[f].option, v);
      for (guint i = 0; i < tessera_vocabulary_get_n_terms (v); i++)
        assert_claim_option (path, claim_id, claim_fields[f].option,
                             tessera_vocabulary_get_code (v, i), 0);
      /* A usage error, exit status 2. */
      assert_claim_option (path, claim_id, claim_fields[f].option, "bogus", 2);
    }
}

/* French ------------------------------------------------------------------------------- */

/* Labels in French that are the English words too. */
static const char *same_in_french[] = { "Positive", NULL };

static void
collect_strings (GPtrArray *strings)
{
  for (TesseraVocabulary v = 0; v < TESSERA_N_VOCABULARIES; v++)
    {
      g_ptr_array_add (strings, (char *) tessera_vocabulary_get_title (v));
      for (guint i = 0; i < tessera_vocabulary_get_n_terms (v); i++)
        {
          const char *description = tessera_vocabulary_get_description (v, i);

          g_ptr_array_add (strings, (char *) tessera_vocabulary_get_label (v, i));
          if (description != NULL)
            g_ptr_array_add (strings, (char *) description);
        }
    }
  for (TesseraKind kind = 0; kind < TESSERA_N_KINDS; kind++)
    g_ptr_array_add (strings, (char *) tessera_kind_get_label (kind));
  g_ptr_array_add (strings, NULL);
}

/* Every title, label and description reads in French under LANGUAGE=fr, with the build
 * tree's catalogue. The English strings go to the French run in its environment. */
static void
test_french (void)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  collect_strings (strings);
  if (!g_test_subprocess ())
    {
      g_autofree char *english = g_strjoinv ("\n", (char **) strings->pdata);

      g_setenv ("TEST_VOCABULARY_ENGLISH", english, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* In the subprocess: nothing was translated yet, the catalogue was not even bound. */
  {
    g_auto(GStrv) english = g_strsplit (g_getenv ("TEST_VOCABULARY_ENGLISH"), "\n", -1);
    g_autoptr(GPtrArray) french = g_ptr_array_new ();

    g_setenv ("LANGUAGE", "fr", TRUE);
    test_choose_french_locale ();
    test_bind_catalogue ();
    collect_strings (french);
    g_assert_cmpuint (g_strv_length (english), ==, french->len - 1);
    for (guint i = 0; english[i] != NULL; i++)
      {
        const char *translated = g_ptr_array_index (french, i);

        g_test_message ("%s → %s", english[i], translated);
        if (!g_strv_contains (same_in_french, english[i]))
          g_assert_cmpstr (translated, !=, english[i]);
      }
    g_assert_cmpstr (tessera_vocabulary_label_of (TESSERA_VOCABULARY_QUOTE_TYPE, "according-to"),
                     ==, "«\u00a0Selon\u00a0»");
    g_assert_cmpstr (tessera_vocabulary_label_of (TESSERA_VOCABULARY_CERTAINTY, "high"), ==,
                     "Élevée");
    g_assert_cmpstr (tessera_kind_get_label (TESSERA_KIND_CUE), ==, "Marqueur d’attribution");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* English until a test asks for French. */
  g_setenv ("LANGUAGE", "C", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/core/vocabulary/terms", test_terms);
  g_test_add_func ("/core/vocabulary/enumerations", test_enumerations);
  ADD ("/core/vocabulary/kinds", test_kinds);
  ADD ("/core/vocabulary/setters", test_setters);
  ADD ("/core/vocabulary/schema-check", test_schema_check);
  ADD ("/core/vocabulary/schema-accepts", test_schema_accepts);
  ADD ("/core/vocabulary/cli", test_cli);
  g_test_add_func ("/core/vocabulary/french", test_french);

#undef ADD

  return g_test_run ();
}
