/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-common.h"

/*
 * End-to-end tests of tessera-cli: each test runs the real binary ($TESSERA_CLI) in a fresh
 * temporary folder that is also its $XDG_DATA_HOME, so the default project lands there.
 */

#define PERSON_NAME "Assimi Go\xC3\xAFta"   /* "Assimi Goïta", ï is two bytes */

typedef struct
{
  char  *home;        /* temporary folder: $XDG_DATA_HOME and working directory */
  char  *default_project;
  char **envp;
} Fixture;

typedef struct
{
  char *command;      /* for failure messages */
  int   status;       /* the exit status; a death by signal fails the test */
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->command);
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* Assertions that print what the CLI said when they fail ------------------------------- */

#define assert_exit(run, expected)                                                      \
  G_STMT_START {                                                                        \
    if ((run)->status != (expected))                                                    \
      g_test_message ("%s\n--- stdout:\n%s--- stderr:\n%s", (run)->command,             \
                      (run)->out, (run)->err);                                          \
    g_assert_cmpint ((run)->status, ==, (expected));                                    \
  } G_STMT_END

#define assert_contains(haystack, needle) test_assert_contains ((haystack), (needle))

#define assert_not_contains(haystack, needle)                                           \
  G_STMT_START {                                                                        \
    const char *haystack_ = (haystack);                                                 \
    const char *needle_ = (needle);                                                     \
    if (strstr (haystack_, needle_) != NULL)                                            \
      g_assertion_message_cmpstr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,          \
                                  #haystack " does not contain " #needle,               \
                                  haystack_, "contains", needle_);                      \
  } G_STMT_END

/* An error is one line on stderr, prefixed with the program's name. */
#define assert_one_line_error(run)                                                      \
  G_STMT_START {                                                                        \
    g_assert_true (g_str_has_prefix ((run)->err, "tessera-cli: "));                     \
    g_assert_true (g_str_has_suffix ((run)->err, "\n"));                                \
    g_assert_cmpuint (count_occurrences ((run)->err, "\n"), ==, 1);                     \
  } G_STMT_END

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;
  return count;
}

/* Helpers ----------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->home = test_make_tmp_dir ("test-cli-XXXXXX");
  fixture->default_project = g_build_filename (fixture->home, "tessera", "default.tessera",
                                               NULL);

  fixture->envp = g_get_environ ();
  fixture->envp = g_environ_setenv (fixture->envp, "XDG_DATA_HOME", fixture->home, TRUE);
  fixture->envp = g_environ_setenv (fixture->envp, "LC_ALL", "C.UTF-8", TRUE);
  fixture->envp = g_environ_setenv (fixture->envp, "LANGUAGE", "C", TRUE);
  fixture->envp = g_environ_unsetenv (fixture->envp, "TESSERA_ANNOTATOR");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_remove_tree (fixture->home);
  g_clear_pointer (&fixture->home, g_free);
  g_clear_pointer (&fixture->default_project, g_free);
  g_clear_pointer (&fixture->envp, g_strfreev);
}

/* Runs tessera-cli with @args and, when not %NULL, the pairs of @extra_envp (name, value…)
 * added to its environment. */
static CliRun *
run_cli_strv (Fixture            *fixture,
              const char * const *extra_envp,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_strdupv (fixture->envp);
  g_autofree char *joined = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("TESSERA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; extra_envp != NULL && extra_envp[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, extra_envp[i], extra_envp[i + 1], TRUE);

  joined = g_strjoinv (" ", (char **) args);
  run->command = g_strdup_printf ("tessera-cli %s", joined);

  g_spawn_sync (fixture->home, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    {
      /* Killed by a signal: the CLI crashed, which is never acceptable. */
      g_test_message ("%s\n--- stdout:\n%s--- stderr:\n%s", run->command, run->out, run->err);
      g_assert_no_error (error);
    }

  return run;
}

/* Runs tessera-cli with the arguments up to NULL and, when @variable is not %NULL, @variable
 * set to @value in its environment; returns its exit status and output. */
static CliRun *
run_cli_with_env (Fixture    *fixture,
                  const char *variable,
                  const char *value,
                  const char *first_arg,
                  ...) G_GNUC_NULL_TERMINATED;

static CliRun *
run_cli_with_env (Fixture    *fixture,
                  const char *variable,
                  const char *value,
                  const char *first_arg,
                  ...)
{
  const char *extra[] = { variable, value, NULL };
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();
  va_list args;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (strv, (char *) arg);
  va_end (args);
  g_ptr_array_add (strv, NULL);

  return run_cli_strv (fixture, extra, (const char * const *) strv->pdata);
}

/* Runs tessera-cli with the arguments up to NULL; returns its exit status and output. */
#define run_cli(fixture, ...) run_cli_with_env ((fixture), NULL, NULL, __VA_ARGS__)

/* Checks that @run succeeded quietly; frees it and returns its stdout. */
static char *
steal_quiet_output (CliRun *run)
{
  g_autoptr(CliRun) owned = run;

  assert_exit (owned, 0);
  g_assert_cmpstr (owned->err, ==, "");
  return g_steal_pointer (&owned->out);
}

/* Runs a command that must succeed quietly, and returns its stdout. */
#define run_cli_ok(fixture, ...) steal_quiet_output (run_cli ((fixture), __VA_ARGS__))

/* The JSON without the white space between tokens, so that it can be searched. */
static char *
compact_json (const char *json)
{
  GString *out = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (out, *p);
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (out, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p);
        }
      else if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Frees @out, the output of a command run with --json; returns it compacted. */
static char *
compact_json_output (char *out)
{
  g_autofree char *owned = out;

  g_assert_true (g_str_has_suffix (owned, "\n"));
  return compact_json (owned);
}

/* Runs a command with --json that must succeed quietly, and returns its compacted output. */
#define run_cli_json(fixture, ...) compact_json_output (run_cli_ok ((fixture), __VA_ARGS__))

/* The integer after the @nth (from 0) occurrence of @key in compact JSON. */
static gint64
json_int (const char *json,
          const char *key,
          guint       nth)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\":", key);
  const char *p = strstr (json, quoted);

  for (guint i = 0; p != NULL && i < nth; i++)
    p = strstr (p + 1, quoted);
  g_assert_nonnull (p);
  p += strlen (quoted);
  g_assert_true (g_ascii_isdigit (*p) || *p == '-');
  return g_ascii_strtoll (p, NULL, 10);
}

static char *
build_path (Fixture    *fixture,
            const char *name)
{
  return g_build_filename (fixture->home, name, NULL);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Neither a -wal nor a -shm file was left beside @path. */
static void
assert_no_sidecar_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The text of the @index-th seed article, in file-name order (the order of import). */
static char *
read_seed (guint index)
{
  const char *seeds_dir = g_getenv ("TESSERA_SEEDS_DIR");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *name;
  char *contents = NULL;

  g_assert_nonnull (seeds_dir);
  dir = g_dir_open (seeds_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".txt"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, ==, 5);
  g_assert_cmpuint (index, <, names->len);

  path = g_build_filename (seeds_dir, g_ptr_array_index (names, index), NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  return contents;
}

/* The code-point range of the @occurrence-th (from 1) @needle in @text. */
static void
find_code_points (const char *text,
                  const char *needle,
                  guint       occurrence,
                  glong      *out_start,
                  glong      *out_end)
{
  const char *p = strstr (text, needle);

  for (guint i = 1; p != NULL && i < occurrence; i++)
    p = strstr (p + 1, needle);
  g_assert_nonnull (p);
  *out_start = g_utf8_pointer_to_offset (text, p);
  *out_end = *out_start + g_utf8_strlen (needle, -1);
}

/* 1. Listing the default project ------------------------------------------------------ */

static void
test_list_default_project (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *table = NULL;
  g_autofree char *json = NULL;

  g_assert_false (g_file_test (fixture->default_project, G_FILE_TEST_EXISTS));

  table = run_cli_ok (fixture, "list", NULL);
  g_assert_true (g_file_test (fixture->default_project, G_FILE_TEST_IS_REGULAR));
  assert_contains (table, "Les chefs d’état-major des forces armées");
  assert_contains (table, "ALLIANCE DES ÉTATS DU SAHEL");
  /* A header and one line per document. */
  g_assert_cmpuint (count_occurrences (table, "\n"), ==, 6);
  g_assert_cmpuint (count_occurrences (table, "not started"), ==, 5);

  json = run_cli_json (fixture, "list", "--json", NULL);
  g_assert_true (g_str_has_prefix (json, "[{"));
  g_assert_true (g_str_has_suffix (json, "}]"));
  g_assert_cmpuint (count_occurrences (json, "\"id\":"), ==, 5);
  g_assert_cmpuint (count_occurrences (json, "\"annotations\":0,"), ==, 5);
  g_assert_cmpuint (count_occurrences (json, "\"status\":\"not-started\""), ==, 5);

  /* Each seed, in file-name order, is titled by the start of its first line. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *seed = read_seed (i);
      g_autofree char *first_line = g_strndup (seed, strcspn (seed, "\n"));
      g_autofree char *start = g_utf8_substring (first_line, 0, 40);
      g_autofree char *expected = g_strdup_printf ("\"id\":%u,\"title\":\"%s", i + 1, start);

      assert_contains (json, expected);
      assert_contains (table, start);
      g_assert_cmpint (json_int (json, "characters", i), >, g_utf8_strlen (first_line, -1));
    }

  /* A second run opens the same project; nothing is imported twice. */
  {
    g_autofree char *again = run_cli_json (fixture, "list", "--json", NULL);

    g_assert_cmpuint (count_occurrences (again, "\"id\":"), ==, 5);
  }
}

/* 2. Annotating by text --------------------------------------------------------------- */

static void
test_annotate_text (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *seed = read_seed (0);
  g_autofree char *out = NULL;
  g_autofree char *show = NULL;
  g_autofree char *json = NULL;
  g_autofree char *list = NULL;
  g_autofree char *where = NULL;
  g_autofree char *ranges = NULL;
  glong start, end;

  /* Offsets count code points, not bytes: "d’état" precedes the name. */
  find_code_points (seed, PERSON_NAME, 1, &start, &end);
  g_assert_cmpint (start, !=, strstr (seed, PERSON_NAME) - seed);

  out = run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME, NULL);
  assert_contains (out, "Annotation 1");
  assert_contains (out, "«" PERSON_NAME "»");

  show = run_cli_ok (fixture, "show", "1", NULL);
  where = g_strdup_printf ("%ld–%ld", start, end);
  assert_contains (show, "1 annotation\n");
  assert_contains (show, "#1 ");
  assert_contains (show, "«" PERSON_NAME "»");
  assert_contains (show, where);

  json = run_cli_json (fixture, "show", "1", "--json", NULL);
  ranges = g_strdup_printf ("\"type\":\"person\",\"ranges\":[[%ld,%ld]],\"text\":\"%s\"",
                            start, end, PERSON_NAME);
  assert_contains (json, ranges);
  g_assert_cmpuint (count_occurrences (json, "\"ranges\":"), ==, 1);

  /* The same span again is not a second annotation. */
  {
    g_autofree char *again = run_cli_ok (fixture, "annotate", "1", "--type", "person",
                                         "--text", PERSON_NAME, NULL);

    assert_contains (again, "nothing changed");
    assert_contains (again, "Annotation 1 ");
  }

  list = run_cli_json (fixture, "list", "--json", NULL);
  g_assert_cmpint (json_int (list, "annotations", 0), ==, 1);
  g_assert_cmpuint (count_occurrences (list, "\"annotations\":0,"), ==, 4);
}

/* 3. Annotating by offsets, by occurrence, by several ranges ------------------------- */

static void
test_annotate_offsets (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *seed = read_seed (0);
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *start_arg = NULL;
  g_autofree char *end_arg = NULL;
  g_autofree char *range_a = NULL;
  g_autofree char *range_b = NULL;
  glong start1, end1, start2, end2;

  find_code_points (seed, PERSON_NAME, 1, &start1, &end1);
  find_code_points (seed, PERSON_NAME, 2, &start2, &end2);

  /* The second occurrence. */
  out = run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME,
                    "--occurrence", "2", NULL);
  assert_contains (out, "Annotation 1");
  json = run_cli_json (fixture, "show", "1", "--json", NULL);
  expected = g_strdup_printf ("\"id\":1,\"type\":\"person\",\"ranges\":[[%ld,%ld]]",
                              start2, end2);
  assert_contains (json, expected);

  /* The first occurrence by its offsets. */
  start_arg = g_strdup_printf ("%ld", start1);
  end_arg = g_strdup_printf ("%ld", end1);
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "annotate", "1", "--type", "person", "--start", start_arg,
                    "--end", end_arg, NULL);
  assert_contains (out, "Annotation 2");
  assert_contains (out, "«" PERSON_NAME "»");

  /* The second occurrence by its offsets is the annotation made by text. */
  g_clear_pointer (&start_arg, g_free);
  g_clear_pointer (&end_arg, g_free);
  start_arg = g_strdup_printf ("%ld", start2);
  end_arg = g_strdup_printf ("%ld", end2);
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "annotate", "1", "-t", "person", "--start", start_arg,
                    "--end", end_arg, NULL);
  assert_contains (out, "Annotation 1 ");
  assert_contains (out, "nothing changed");

  /* A discontinuous span: the first name of one mention, the surname of the other,
   * given last range first. */
  range_a = g_strdup_printf ("%ld:%ld", start1, start1 + 6);
  range_b = g_strdup_printf ("%ld:%ld", end2 - 5, end2);
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "annotate", "1", "--type", "person", "--range", range_b,
                    "--range", range_a, NULL);
  assert_contains (out, "Annotation 3");
  assert_contains (out, "«Assimi … Go\xC3\xAFta»");

  g_clear_pointer (&json, g_free);
  g_clear_pointer (&expected, g_free);
  json = run_cli_json (fixture, "show", "1", "--json", NULL);
  expected = g_strdup_printf ("\"id\":3,\"type\":\"person\",\"ranges\":[[%ld,%ld],[%ld,%ld]],"
                              "\"text\":\"Assimi … Go\xC3\xAFta\"",
                              start1, start1 + 6, end2 - 5, end2);
  assert_contains (json, expected);
  g_assert_cmpuint (count_occurrences (json, "\"type\":\"person\""), ==, 3);

  /* The text listing shows every range of the discontinuous annotation. */
  {
    g_autofree char *show = run_cli_ok (fixture, "show", "1", NULL);
    g_autofree char *where = g_strdup_printf ("%ld–%ld,%ld–%ld", start1, start1 + 6,
                                              end2 - 5, end2);

    assert_contains (show, "3 annotations\n");
    assert_contains (show, where);
  }

  /* Spans that cannot be: each fails with one line and changes nothing. */
  {
    const char *bad[][8] = {
      { "--text", PERSON_NAME, "--occurrence", "3", NULL },
      { "--text", "Zorglub", NULL },
      { "--start", "10", "--end", "5", NULL },
      { "--start", "5", "--end", "5", NULL },
      { "--start", "2749", "--end", "100000", NULL },
      { "--range", "1:3", "--range", "2:5", NULL },
    };
    g_autofree char *before = test_file_sha256 (fixture->default_project);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(CliRun) run = run_cli (fixture, "annotate", "1", "--type", "person",
                                         bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4],
                                         NULL);
        g_autofree char *after = NULL;

        assert_exit (run, 1);
        assert_one_line_error (run);
        g_assert_cmpstr (run->out, ==, "");
        after = test_file_sha256 (fixture->default_project);
        g_assert_cmpstr (before, ==, after);
      }
  }

  {
    g_autoptr(CliRun) run = run_cli (fixture, "annotate", "1", "--type", "no-such-type",
                                     "--text", PERSON_NAME, NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "no-such-type");
  }
  {
    g_autoptr(CliRun) run = run_cli (fixture, "annotate", "99", "--type", "person",
                                     "--start", "1", "--end", "2", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "99");
  }
  {
    g_autofree char *list = run_cli_json (fixture, "list", "--json", NULL);

    g_assert_cmpint (json_int (list, "annotations", 0), ==, 3);
  }
}

/* 4. Undo and redo ------------------------------------------------------------------- */

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *show = NULL;

  {
    g_autoptr(CliRun) run = run_cli (fixture, "undo", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "nothing to undo");
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    g_autoptr(CliRun) run = run_cli (fixture, "redo", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "nothing to redo");
  }

  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME,
                      NULL));

  {
    g_autofree char *out = run_cli_ok (fixture, "undo", NULL);

    /* In the user's words: the type's label, not its key or the journal's action. */
    assert_contains (out, "Undone: Person «" PERSON_NAME "»");
  }
  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "0 annotations\n");
  assert_not_contains (show, "«" PERSON_NAME "»");

  {
    g_autofree char *out = run_cli_ok (fixture, "redo", NULL);

    assert_contains (out, "Redone: Person «" PERSON_NAME "»");
  }
  g_clear_pointer (&show, g_free);
  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "1 annotation\n");
  assert_contains (show, "«" PERSON_NAME "»");

  /* The annotation comes back under its id, so scripts can keep using it. */
  {
    g_autofree char *json = run_cli_json (fixture, "show", "1", "--json", NULL);

    assert_contains (json, "\"annotations\":[{\"id\":1,\"type\":\"person\"");
  }

  {
    g_autoptr(CliRun) run = run_cli (fixture, "redo", NULL);

    assert_exit (run, 1);
    assert_contains (run->err, "nothing to redo");
  }

  /* Undo twice: the annotation, then nothing (importing the samples is not undoable). */
  g_free (run_cli_ok (fixture, "undo", NULL));
  {
    g_autoptr(CliRun) run = run_cli (fixture, "undo", NULL);
    g_autofree char *list = NULL;

    assert_exit (run, 1);
    assert_contains (run->err, "nothing to undo");
    list = run_cli_json (fixture, "list", "--json", NULL);
    g_assert_cmpuint (count_occurrences (list, "\"id\":"), ==, 5);
  }
}

/* 5. Removing -------------------------------------------------------------------------- */

static void
test_remove (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *show = NULL;

  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME,
                      NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "place", "--text", "Sahel", NULL));

  out = run_cli_ok (fixture, "remove", "1", NULL);
  assert_contains (out, "Removed annotation 1");

  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "1 annotation\n");
  assert_not_contains (show, "«" PERSON_NAME "»");
  assert_contains (show, "«Sahel»");

  {
    g_autoptr(CliRun) run = run_cli (fixture, "remove", "99999", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "99999");
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    g_autoptr(CliRun) run = run_cli (fixture, "remove", "1", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
  }
  {
    g_autoptr(CliRun) run = run_cli (fixture, "remove", "abc", NULL);

    assert_exit (run, 2);
  }

  /* A removal can be undone. */
  g_free (run_cli_ok (fixture, "undo", NULL));
  g_clear_pointer (&show, g_free);
  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "2 annotations\n");
  assert_contains (show, "«" PERSON_NAME "»");
}

/* 6. Statistics ---------------------------------------------------------------------- */

static void
test_stats (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *list = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *documents_line = NULL;
  g_autofree char *characters_line = NULL;
  gint64 characters = 0;

  g_free (run_cli_ok (fixture, "annotate", "1", "-t", "person", "--text", PERSON_NAME, NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "-t", "person", "--text", PERSON_NAME,
                      "-n", "2", NULL));
  g_free (run_cli_ok (fixture, "annotate", "2", "-t", "person", "--text", PERSON_NAME, NULL));
  g_free (run_cli_ok (fixture, "annotate", "3", "-t", "place", "--text", "Bamako", NULL));

  list = run_cli_json (fixture, "list", "--json", NULL);
  for (guint i = 0; i < 5; i++)
    characters += json_int (list, "characters", i);

  json = run_cli_json (fixture, "stats", "--json", NULL);
  g_assert_cmpint (json_int (json, "documents", 0), ==, 5);
  g_assert_cmpint (json_int (json, "characters", 0), ==, characters);
  g_assert_cmpint (json_int (json, "annotations", 0), ==, 4);
  g_assert_cmpint (json_int (json, "entities", 0), ==, 0);
  g_assert_cmpint (json_int (json, "annotators", 0), ==, 1);
  assert_contains (json, "\"per_type\":{\"person\":3,");
  g_assert_cmpint (json_int (json, "place", 0), ==, 1);
  g_assert_cmpint (json_int (json, "organisation", 0), ==, 0);

  text = run_cli_ok (fixture, "stats", NULL);
  documents_line = g_strdup_printf ("Documents:          %u\n", 5);
  characters_line = g_strdup_printf ("Characters:         %" G_GINT64_FORMAT "\n", characters);
  assert_contains (text, documents_line);
  assert_contains (text, characters_line);
  assert_contains (text, "Annotations:        4\n");
  assert_contains (text, "  Person            3\n");
  assert_contains (text, "  Place             1\n");

  /* One document. */
  {
    g_autofree char *one = run_cli_json (fixture, "stats", "1", "--json", NULL);

    g_assert_cmpint (json_int (one, "documents", 0), ==, 1);
    g_assert_cmpint (json_int (one, "characters", 0), ==, json_int (list, "characters", 0));
    g_assert_cmpint (json_int (one, "annotations", 0), ==, 2);
    g_assert_cmpint (json_int (one, "person", 0), ==, 2);
    g_assert_cmpint (json_int (one, "place", 0), ==, 0);
  }
  {
    g_autoptr(CliRun) run = run_cli (fixture, "stats", "99", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
  }
}

/* 7. Checking the project file ------------------------------------------------------- */

static void
test_check (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *copy = build_path (fixture, "copy.tessera");
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree char *hash = NULL;
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  /* Checking does not create the default project. */
  {
    g_autoptr(CliRun) run = run_cli (fixture, "check", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "tessera-cli init");
    g_assert_false (g_file_test (fixture->default_project, G_FILE_TEST_EXISTS));
  }

  g_free (run_cli_ok (fixture, "list", NULL));
  hash = test_file_sha256 (fixture->default_project);
  out = run_cli_ok (fixture, "check", NULL);
  assert_contains (out, "no problems found");
  assert_contains (out, fixture->default_project);
  /* …nor change it. */
  {
    g_autofree char *after = test_file_sha256 (fixture->default_project);

    g_assert_cmpstr (hash, ==, after);
  }

  /* Damage a copy, taken now that no CLI has the project open. */
  g_file_get_contents (fixture->default_project, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8 * 4096);
  for (gsize i = length / 2 - 2 * 4096; i < length / 2 + 2 * 4096; i++)
    contents[i] = (char) (0xA5 ^ (i * 31));
  write_file (copy, contents, length);
  g_remove (copy_wal);
  g_remove (copy_shm);

  {
    g_autoptr(CliRun) run = run_cli (fixture, "check", "--project", copy, NULL);

    assert_exit (run, 1);
    g_assert_true (g_str_has_prefix (run->err, "tessera-cli: "));
    assert_contains (run->err, "copy.tessera");
  }

  /* The original is fine. */
  {
    g_autofree char *again = run_cli_ok (fixture, "check", NULL);

    assert_contains (again, "no problems found");
  }

  /* Checking a relative path works from the working directory. */
  {
    g_autoptr(CliRun) run = run_cli (fixture, "--project", "copy.tessera", "check", NULL);

    assert_exit (run, 1);
  }
}

/* 8. Wrong command lines ------------------------------------------------------------- */

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *commands[] = {
    "init", "import", "list", "show", "annotate", "remove", "undo", "redo", "stats", "check",
  };
  /* Command lines refused with status 2, and what stderr says when it matters. */
  static const struct
  {
    const char *args[12];
    const char *in_err;
  } wrong[] = {
    { { "frobnicate", NULL }, "“frobnicate” is not a command" },
    { { "annotate", "1", NULL }, "--type" },
    { { "show", NULL }, "show --help" },
    { { "show", "one", NULL }, NULL },
    { { "annotate", "1", "--type", "person", "--occurrence", "2", NULL }, NULL },
    { { "annotate", "1", "--type", "person", "--start", "1", "--end", "3", "--occurrence", "2",
        NULL }, "--occurrence" },
    { { "annotate", "1", "--type", "person", "--start", "1", NULL }, NULL },
    { { "annotate", "1", "--type", "person", "--text", PERSON_NAME, "--start", "1", "--end", "3",
        NULL }, NULL },
    { { "annotate", "1", "--type", "person", "--range", "12-20", NULL }, NULL },
    { { "list", "--no-such-option", NULL }, NULL },
    { { "list", "extra", NULL }, NULL },
    { { "import", NULL }, NULL },
  };

  {
    g_autoptr(CliRun) run = run_cli (fixture, NULL, NULL);

    assert_exit (run, 2);
    g_assert_cmpstr (run->out, ==, "");
    assert_contains (run->err, "Usage:");
  }
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(CliRun) run = run_cli_strv (fixture, NULL, wrong[i].args);

      assert_exit (run, 2);
      if (wrong[i].in_err != NULL)
        assert_contains (run->err, wrong[i].in_err);
    }

  /* A wrong command line touches nothing, not even the default project. */
  g_assert_false (g_file_test (fixture->default_project, G_FILE_TEST_EXISTS));

  {
    g_autoptr(CliRun) run = run_cli (fixture, "--help", NULL);

    assert_exit (run, 0);
    assert_contains (run->out, "Usage:");
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *line = g_strdup_printf ("  %s ", commands[i]);

        assert_contains (run->out, line);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) run = run_cli (fixture, commands[i], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("tessera-cli [OPTION…] %s", commands[i]);

      assert_exit (run, 0);
      assert_contains (run->out, "Usage:");
      assert_contains (run->out, usage);
      assert_contains (run->out, "--project");
    }

  g_assert_false (g_file_test (fixture->default_project, G_FILE_TEST_EXISTS));
}

/* 9. init and import ----------------------------------------------------------------- */

static void
test_init_import (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "corpus.tessera");
  g_autofree char *article = build_path (fixture, "article.txt");
  g_autofree char *latin1 = build_path (fixture, "latin1.txt");
  g_autofree char *hash = NULL;
  g_autofree char *out = NULL;

  out = run_cli_ok (fixture, "init", "--project", project, NULL);
  assert_contains (out, "Created the project");
  g_assert_true (g_file_test (project, G_FILE_TEST_IS_REGULAR));
  assert_no_sidecar_files (project);

  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "list", "--project", project, NULL);
  assert_contains (out, "no documents");
  {
    g_autofree char *json = run_cli_json (fixture, "list", "--project", project, "--json",
                                          NULL);

    g_assert_cmpstr (json, ==, "[]");
  }

  /* init never overwrites. */
  hash = test_file_sha256 (project);
  {
    g_autoptr(CliRun) run = run_cli (fixture, "init", "--project", project, NULL);
    g_autofree char *after = NULL;

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "already exists");
    after = test_file_sha256 (project);
    g_assert_cmpstr (hash, ==, after);
  }

  write_file (article, "Le Mali et le Niger\n\nLe général Assimi Goïta a reçu les chefs.\n",
              -1);
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "import", "--project", project, article, NULL);
  assert_contains (out, "imported as document 1");
  assert_contains (out, "(Le Mali et le Niger)");

  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "import", "--project", project, article, NULL);
  assert_contains (out, "already in the project as document 1");

  /* "Café" in Latin-1 on line 2: the é is byte 26, counting from 0. */
  write_file (latin1, "Le Mali et le Niger\nUn caf\xE9 noir.\n", -1);
  g_clear_pointer (&hash, g_free);
  hash = test_file_sha256 (project);
  {
    g_autoptr(CliRun) run = run_cli (fixture, "import", "--project", project, latin1, NULL);
    g_autofree char *after = NULL;

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "latin1.txt");
    assert_contains (run->err, "byte 26");
    assert_contains (run->err, "line 2");
    g_assert_cmpstr (run->out, ==, "");
    after = test_file_sha256 (project);
    g_assert_cmpstr (hash, ==, after);
  }

  {
    g_autofree char *json = run_cli_json (fixture, "list", "--project", project, "--json",
                                          NULL);

    g_assert_cmpuint (count_occurrences (json, "\"id\":"), ==, 1);
    assert_contains (json, "\"title\":\"Le Mali et le Niger\"");
  }

  /* Titles are escaped in JSON. */
  {
    g_autofree char *quoted = build_path (fixture, "quoted.txt");
    g_autofree char *json = NULL;

    write_file (quoted, "Le \"vrai\" titre \\ ici\nTexte.\n", -1);
    g_free (run_cli_ok (fixture, "import", "--project", project, quoted, NULL));
    json = run_cli_json (fixture, "list", "--project", project, "--json", NULL);
    assert_contains (json, "\"id\":2,\"title\":\"Le \\\"vrai\\\" titre \\\\ ici\"");
  }

  /* A project only gets the samples when asked. */
  g_assert_false (g_file_test (fixture->default_project, G_FILE_TEST_EXISTS));
  {
    g_autofree char *samples = build_path (fixture, "samples.tessera");
    g_autofree char *json = NULL;

    g_free (run_cli_ok (fixture, "init", "--with-samples", "--project", samples, NULL));
    json = run_cli_json (fixture, "list", "--json", "--project", samples, NULL);
    g_assert_cmpuint (count_occurrences (json, "\"id\":"), ==, 5);
  }
}

/* 10. Where --project goes ----------------------------------------------------------- */

static void
test_project_option (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *article = build_path (fixture, "a.txt");
  g_autofree char *equals = g_strconcat ("--project=", project, NULL);
  const char *arguments[][4] = {
    { "--project", project, "list", NULL },
    { "list", "--project", project, NULL },
    { "-p", project, "list", NULL },
    { "list", equals, NULL, NULL },
    { "--project", "p.tessera", "list", NULL },     /* relative to the working directory */
  };

  g_free (run_cli_ok (fixture, "init", "--project", project, NULL));
  write_file (article, "Bamako, le 20 juin\nLes ministres de la défense.\n", -1);
  g_free (run_cli_ok (fixture, "--project", project, "import", article, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (arguments); i++)
    {
      g_autofree char *out = run_cli_ok (fixture, arguments[i][0], arguments[i][1],
                                         arguments[i][2], arguments[i][3], NULL);

      assert_contains (out, "Bamako, le 20 juin");
      assert_not_contains (out, "ALLIANCE");
    }

  /* The annotator's name comes from --annotator or $TESSERA_ANNOTATOR. */
  g_free (run_cli_ok (fixture, "--annotator", "alice", "-p", project, "annotate", "1",
                      "--type", "place", "--text", "Bamako", NULL));
  {
    g_autoptr(CliRun) run = run_cli_with_env (fixture, "TESSERA_ANNOTATOR", "bob",
                                              "annotate", "1", "--project", project,
                                              "--type", "date", "--text", "20 juin", NULL);
    g_autofree char *json = NULL;

    assert_exit (run, 0);
    json = run_cli_json (fixture, "show", "1", "--json", "--project", project, NULL);
    assert_contains (json, "\"type\":\"place\",\"ranges\":[[0,6]]");
    assert_contains (json, "\"annotator\":\"alice\"");
    assert_contains (json, "\"annotator\":\"bob\"");
  }

  /* Nothing here used the default project. */
  g_assert_false (g_file_test (fixture->default_project, G_FILE_TEST_EXISTS));

  {
    g_autofree char *missing = build_path (fixture, "missing.tessera");
    g_autoptr(CliRun) run = run_cli (fixture, "--project", "missing.tessera", "list", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "tessera-cli init --project missing.tessera");
    g_assert_cmpstr (run->out, ==, "");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    assert_no_sidecar_files (missing);
  }
}

/* 11. Projects that must be refused -------------------------------------------------- */

/* Every kind of command refuses @path with @message, and leaves it as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                const char *message)
{
  g_autofree char *before = test_file_sha256 (path);
  const char *commands[][10] = {
    { "list", "--project", path, NULL },
    { "--project", path, "show", "1", NULL },
    { "-p", path, "annotate", "1", "--type", "person", "--start", "0", "--end", "1" },
    { "import", "--project", path, "seed.txt", NULL },
    { "stats", "--project", path, NULL },
    { "check", "--project", path, NULL },
    { "undo", "--project", path, NULL },
  };
  g_autofree char *seed = read_seed (0);
  g_autofree char *seed_path = build_path (fixture, "seed.txt");

  write_file (seed_path, seed, -1);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[G_N_ELEMENTS (commands[0]) + 1] = { NULL, };
      g_autoptr(CliRun) run = NULL;
      g_autofree char *after = NULL;

      memcpy (args, commands[i], sizeof commands[i]);
      run = run_cli_strv (fixture, NULL, args);

      assert_exit (run, 1);
      assert_one_line_error (run);
      assert_contains (run->err, message);
      g_assert_cmpstr (run->out, ==, "");
      after = test_file_sha256 (path);
      g_assert_cmpstr (before, ==, after);
      assert_no_sidecar_files (path);
    }
}

static void
test_refuse_newer_version (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "newer.tessera");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_free (run_cli_ok (fixture, "init", "--project", project, NULL));

  /* PRAGMA user_version is the big-endian 32-bit integer at offset 60 of the header. */
  g_file_get_contents (project, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 100);
  g_assert_true (memcmp (contents, "SQLite format 3", 16) == 0);
  contents[60] = 0;
  contents[61] = 0;
  contents[62] = 0;
  contents[63] = 99;
  write_file (project, contents, length);

  assert_refused (fixture, project, "newer version");

  {
    g_autoptr(CliRun) run = run_cli (fixture, "list", "--project", project, NULL);

    assert_exit (run, 1);
    assert_contains (run->err, "format 99");
  }
}

static void
test_refuse_not_a_project (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *text = build_path (fixture, "notes.tessera");
  g_autofree char *empty = build_path (fixture, "empty.tessera");

  write_file (text, "Ce n’est pas un projet, juste des notes.\n", -1);
  assert_refused (fixture, text, "not a Tessera project");

  /* An empty file is not a project either, and must not become one. */
  write_file (empty, "", 0);
  assert_refused (fixture, empty, "not a Tessera project");
}

/* Numbers, options and names --------------------------------------------------------- */

/* The number of annotations of document 1. */
static guint
count_annotations (Fixture *fixture)
{
  g_autofree char *json = run_cli_json (fixture, "show", "1", "--json", NULL);

  return count_occurrences (json, "\"ranges\":");
}

/* A usage error (exit 2) that names @option, and nothing changed. */
static void
assert_usage_error (Fixture            *fixture,
                    const char         *option,
                    const char * const *args)
{
  guint before = count_annotations (fixture);
  g_autoptr(CliRun) run = run_cli_strv (fixture, NULL, args);

  assert_exit (run, 2);
  g_assert_cmpstr (run->out, ==, "");
  assert_contains (run->err, option);
  assert_not_contains (run->err, "CRITICAL");
  g_assert_cmpuint (count_annotations (fixture), ==, before);
}

/* Offsets, ids and counts are decimal everywhere: "010" is ten in --start as in --range,
 * and anything but decimal digits is a usage error. */
static void
test_decimal_numbers (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char * const bad[] = {
    "0x10", "1e3", "-1", "+5", " 5", "12abc", "", "010 ", "99999999999999999999", NULL
  };
  g_autofree char *json = NULL;

  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "person", "--start", "010",
                      "--end", "012", NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "place", "--range", "010:012", NULL));
  json = run_cli_json (fixture, "show", "1", "--json", NULL);
  assert_contains (json, "\"type\":\"person\",\"ranges\":[[10,12]]");
  assert_contains (json, "\"type\":\"place\",\"ranges\":[[10,12]]");

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autofree char *range = g_strdup_printf ("%s:30", bad[i]);

      assert_usage_error (fixture, "--start", (const char * const []) {
        "annotate", "1", "--type", "person", "--start", bad[i], "--end", "30", NULL });
      assert_usage_error (fixture, "--end", (const char * const []) {
        "annotate", "1", "--type", "person", "--start", "20", "--end", bad[i], NULL });
      assert_usage_error (fixture, "--range", (const char * const []) {
        "annotate", "1", "--type", "person", "--range", range, NULL });
      assert_usage_error (fixture, "--entity", (const char * const []) {
        "link", "1", "--entity", bad[i], NULL });
      assert_usage_error (fixture, "--cue", (const char * const []) {
        "claim", "1", "--cue", bad[i], NULL });
    }

  /* Counts start at 1: --occurrence 0 is no occurrence, not the first one. */
  assert_usage_error (fixture, "--occurrence", (const char * const []) {
    "annotate", "1", "--type", "person", "--text", PERSON_NAME, "--occurrence", "0", NULL });
  assert_usage_error (fixture, "--repeat", (const char * const []) {
    "annotate", "1", "--type", "person", "--start", "1", "--end", "2", "--repeat", "0", NULL });
  assert_usage_error (fixture, "--entity", (const char * const []) {
    "link", "1", "--entity", "0", NULL });
}

/* "--" ends the options: what follows is a file, even one whose name starts with "-". */
static void
test_end_of_options (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = build_path (fixture, "-x.txt");
  g_autofree char *out = NULL;

  write_file (path, "Un article au nom étrange\n", -1);
  out = run_cli_ok (fixture, "import", "--", "-x.txt", NULL);
  assert_contains (out, "-x.txt: imported as document 6 (Un article au nom étrange)");
}

/* A project in a folder that does not exist: say so, not that the folder is read-only. */
static void
test_init_missing_folder (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CliRun) run = run_cli (fixture, "init", "--project", "nodir/p.tessera", NULL);
  g_autofree char *folder = build_path (fixture, "nodir");

  assert_exit (run, 1);
  assert_one_line_error (run);
  assert_contains (run->err, "the folder “nodir” does not exist");
  assert_not_contains (run->err, "read-only");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Text a TEI file cannot carry is a usage error in any option that is stored, and an
 * empty annotator name too; nothing is changed and GLib has nothing to complain about. */
static void
test_text_options (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "claim", "--start", "0", "--end",
                      "20", NULL));

  assert_usage_error (fixture, "--annotator", (const char * const []) {
    "--annotator", "", "annotate", "1", "--type", "person", "--start", "30", "--end", "35",
    NULL });
  assert_usage_error (fixture, "--annotator", (const char * const []) {
    "--annotator", "bad\x01name", "annotate", "1", "--type", "person", "--start", "30",
    "--end", "35", NULL });
  assert_usage_error (fixture, "--note", (const char * const []) {
    "annotate", "1", "--type", "person", "--start", "30", "--end", "35", "--note",
    "a\x01" "b", NULL });
  /* GOption refuses bytes that are not UTF-8 in a string option itself. */
  assert_usage_error (fixture, "annotate --help", (const char * const []) {
    "annotate", "1", "--type", "person", "--start", "30", "--end", "35", "--note",
    "caf\xE9", NULL });
  assert_usage_error (fixture, "--new", (const char * const []) {
    "link", "1", "--new", "Jean\x02" "Dupont", NULL });
  assert_usage_error (fixture, "--uri", (const char * const []) {
    "link", "1", "--new", "Jean Dupont", "--uri", "https://example.org/\x1F", NULL });
  assert_usage_error (fixture, "--topic", (const char * const []) {
    "claim", "1", "--topic", "s\xC3\xA9" "curit\xC3\xA9\x1B", NULL });
}

/* check finds the text an older Tessera let in, by table, row and field. */
static void
test_check_text (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(CliRun) run = NULL;

  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME,
                      "--note", "bonne note", NULL));
  test_exec_sql (fixture->default_project, "UPDATE annotation SET note = 'a' || char (1) || 'b'");

  run = run_cli (fixture, "check", NULL);
  assert_exit (run, 1);
  assert_contains (run->err, "annotation 1: note holds U+0001 at character 2");
  assert_not_contains (run->out, "no problems found");
}

/* A file name that is not UTF-8 is shown and stored as text: show --json stays JSON. */
static void
test_name_not_utf8 (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = build_path (fixture, "caf\xE9.txt");
  g_autoptr(CliRun) run = NULL;
  g_autofree char *json = NULL;

  write_file (path, "Un caf\xC3\xA9 au nom en Latin-1\n", -1);
  g_free (run_cli_ok (fixture, "list", NULL));
  run = run_cli (fixture, "import", "caf\xE9.txt", NULL);
  assert_exit (run, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_utf8_validate (run->out, -1, NULL));
  assert_contains (run->out, "caf\xEF\xBF\xBD.txt: imported as document 6");

  json = run_cli_json (fixture, "show", "6", "--json", NULL);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  assert_contains (json, "caf\xEF\xBF\xBD.txt\"");
}

static void
test_no_cli (void)
{
  g_test_skip ("TESSERA_CLI is not set; run the tests with “meson test”");
}

/* A project with one annotated article, and a second project beside it. */
static void
make_export_projects (Fixture    *fixture,
                      const char *project,
                      const char *other)
{
  g_autofree char *article = build_path (fixture, "a.txt");

  g_free (run_cli_ok (fixture, "init", "--project", project, NULL));
  g_free (run_cli_ok (fixture, "init", "--project", other, NULL));
  write_file (article, "Bamako, le 20 juin\nLes ministres de la défense.\n", -1);
  g_free (run_cli_ok (fixture, "--project", project, "import", article, NULL));
  g_free (run_cli_ok (fixture, "-p", project, "annotate", "1", "--type", "place", "--text",
                      "Bamako", NULL));
}

/* CoNLL from the command line: exported with an option, imported back with no format
 * named, its tags where they were. */
static void
test_export_import_conll (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *file = build_path (fixture, "corpus.conll");
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *shown = NULL;

  make_export_projects (fixture, project, other);
  g_free (run_cli_ok (fixture, "-p", project, "annotate", "1", "--type", "event", "--text",
                      "20 juin", NULL));
  out = run_cli_ok (fixture, "-p", project, "export", "--format", "conll", "--option",
                    "scheme=iobes", "-o", file, NULL);
  test_assert_contains (out, "corpus.conll");
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "-DOCSTART- O\n\nBamako S-place\n, O\nle O\n20 B-event\njuin E-event\n\n"
                   "Les O\nministres O\nde O\nla O\ndéfense O\n. O\n\n");

  imported = run_cli_ok (fixture, "-p", other, "import", file, NULL);
  test_assert_contains (imported, "corpus.conll, document 1");
  shown = run_cli_ok (fixture, "-p", other, "show", "1", NULL);
  /* The title line and the sentence come back as they were: same length, same offsets. */
  test_assert_contains (shown, "Characters: 47 ");
  test_assert_contains (shown, "0–6 ");
  test_assert_contains (shown, "11–18 ");
  test_assert_contains (shown, "«20 juin»");
}

/* The names in @folder, sorted, joined with spaces. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* An export never writes over a project: the one it exports (by any name, or its -wal, -shm
 * or -journal) or any other; every format, one file or a folder of them. */
static void
test_export_refuses_projects (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *link = build_path (fixture, "link.xml");
  g_autofree char *folder = build_path (fixture, "tei");
  g_autofree char *in_folder = g_build_filename (folder, "document-1.xml", NULL);
  g_autofree char *wal = g_strconcat (project, "-wal", NULL);
  g_autofree char *shm = g_strconcat (project, "-shm", NULL);
  g_autofree char *journal = g_strconcat (project, "-journal", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *project_sum = NULL;
  g_autofree char *other_sum = NULL;
  g_autofree char *names = NULL;
  struct
  {
    const char *destination;
    gboolean    corpus;
  } cases[] = {
    { project, TRUE }, { project, FALSE }, { "p.tessera", TRUE }, { wal, TRUE },
    { shm, TRUE }, { journal, TRUE }, { other, TRUE }, { other_wal, TRUE }, { link, TRUE },
    { folder, FALSE },
  };

  make_export_projects (fixture, project, other);
  g_assert_cmpint (symlink (project, link), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  /* A project that happens to have the name of a document's file. */
  {
    g_autofree char *copy = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (other, &copy, &length, NULL));
    write_file (in_folder, copy, (gssize) length);
  }
  project_sum = test_file_sha256 (project);
  other_sum = test_file_sha256 (other);
  names = list_folder (fixture->home);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = NULL;
      g_autofree char *in_folder_sum = test_file_sha256 (in_folder);
      g_autofree char *names_after = NULL;
      g_autofree char *project_after = NULL;
      g_autofree char *other_after = NULL;
      g_autofree char *in_folder_after = NULL;

      run = run_cli (fixture, "--project", project, "export", "--format", "tei",
                     cases[i].corpus ? "--corpus" : "--standoff", "-o", cases[i].destination,
                     NULL);
      g_test_message ("export to %s: %s", cases[i].destination, run->err);
      assert_exit (run, 1);
      assert_one_line_error (run);
      assert_contains (run->err, "Nothing was written");
      assert_not_contains (run->out, "Wrote");

      project_after = test_file_sha256 (project);
      other_after = test_file_sha256 (other);
      in_folder_after = test_file_sha256 (in_folder);
      names_after = list_folder (fixture->home);
      g_assert_cmpstr (project_after, ==, project_sum);
      g_assert_cmpstr (other_after, ==, other_sum);
      g_assert_cmpstr (in_folder_after, ==, in_folder_sum);
      g_assert_cmpstr (names_after, ==, names);
      assert_no_sidecar_files (project);
    }

  /* The project is intact, and exports anywhere else. */
  g_free (run_cli_ok (fixture, "check", "--project", project, NULL));
  {
    g_autofree char *out = run_cli_ok (fixture, "--project", project, "export", "--format",
                                       "tei", "--corpus", "-o", "corpus.xml", NULL);

    assert_contains (out, "corpus.xml");
  }
}

/* Re-export keeps the mode and group of the file it replaces; what exports killed while
 * writing left (NAME.tessera-XXXXXX) goes, what is not theirs or still being written stays. */
static void
test_export_replaces_files (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *corpus = build_path (fixture, "corpus.xml");
  g_autofree char *folder = build_path (fixture, "tei");
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI";
  struct
  {
    const char *name;
    const char *contents;
    guint       mode;
    gboolean    stale;
  } leftovers[] = {
    { "document-1.xml.tessera-Ab3xYz", "", 0600, TRUE },
    { "document-7.xml.tessera-Q1w2E3", NULL, 0600, TRUE },  /* another document's */
    { "document-8.xml.tessera-Ha1fWr", "<TEI><te", 0600, TRUE },  /* whatever it holds */
    { "document-1.xml.backup", "notes", 0600, FALSE },  /* not a name we give: the user's */
    { "document-2.xml.tessera-Zz9Zz9", NULL, 0644, FALSE },  /* not the mode mkstemp gives */
    { "notes.xml.tessera-A1b2C3", NULL, 0600, FALSE },  /* not a name we write */
    { "document-3.xml.tessera-L0cked", NULL, 0600, FALSE },  /* an export still writing it */
  };
  int locked_fd;
  GStatBuf st;
  gid_t other_gid = (gid_t) -1;

  make_export_projects (fixture, project, other);

  /* Mode and group. */
  g_free (run_cli_ok (fixture, "-p", project, "export", "--format", "tei", "--corpus", "-o",
                      corpus, NULL));
  g_assert_cmpint (g_chmod (corpus, 0600), ==, 0);
  if (getuid () == 0)
    other_gid = 12345;
  else
    {
      gid_t groups[64];
      int n = getgroups (G_N_ELEMENTS (groups), groups);

      for (int i = 0; i < n; i++)
        {
          if (groups[i] != getegid ())
            other_gid = groups[i];
        }
    }
  if (other_gid != (gid_t) -1)
    g_assert_cmpint (chown (corpus, (uid_t) -1, other_gid), ==, 0);
  else
    g_test_message ("no second group to give the file: its group is not checked");

  g_free (run_cli_ok (fixture, "-p", project, "export", "--format", "tei", "--corpus", "-o",
                      corpus, NULL));
  g_assert_cmpint (g_stat (corpus, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0600);
  if (other_gid != (gid_t) -1)
    g_assert_cmpuint (st.st_gid, ==, other_gid);

  /* Leftovers of a corpus and of a folder export. */
  {
    g_autofree char *stale = g_strconcat (corpus, ".tessera-k1LL3d", NULL);

    write_file (stale, xml, -1);
    g_assert_cmpint (g_chmod (stale, 0600), ==, 0);
    g_free (run_cli_ok (fixture, "-p", project, "export", "--format", "tei", "--corpus", "-o",
                        corpus, NULL));
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *path = g_build_filename (folder, leftovers[i].name, NULL);

      write_file (path, leftovers[i].contents ? leftovers[i].contents : xml, -1);
      g_assert_cmpint (g_chmod (path, leftovers[i].mode), ==, 0);
    }
  {
    g_autofree char *path = g_build_filename (folder, "document-3.xml.tessera-L0cked", NULL);

    locked_fd = g_open (path, O_RDONLY, 0);
    g_assert_cmpint (flock (locked_fd, LOCK_EX), ==, 0);
  }

  g_free (run_cli_ok (fixture, "-p", project, "export", "--format", "tei", "-o", folder,
                      "1", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *path = g_build_filename (folder, leftovers[i].name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS) == leftovers[i].stale)
        g_error ("%s was %s", leftovers[i].name, leftovers[i].stale ? "kept" : "removed");
    }
  {
    g_autofree char *names = list_folder (folder);

    g_assert_cmpstr (names, ==, "document-1.xml document-1.xml.backup "
                                "document-2.xml.tessera-Zz9Zz9 document-3.xml.tessera-L0cked "
                                "notes.xml.tessera-A1b2C3");
  }
  g_close (locked_fd, NULL);
}

/* doccano JSONL through the command line: exported, then imported into another project
 * by its name and first line alone, with its annotation where it was. */
static void
test_jsonl_round_trip (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *file = build_path (fixture, "corpus.jsonl");
  g_autofree char *labels = build_path (fixture, "labels.jsonl");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;

  make_export_projects (fixture, project, other);
  out = run_cli_ok (fixture, "-p", project, "export", "--format", "jsonl", "-o", file, NULL);
  assert_contains (out, "corpus.jsonl");
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "-p", other, "import", file, NULL);
  assert_contains (out, "imported as document 1");

  json = run_cli_json (fixture, "-p", other, "show", "1", "--json", NULL);
  assert_contains (json, "\"type\":\"place\",\"ranges\":[[0,6]],\"text\":\"Bamako\"");

  g_free (run_cli_ok (fixture, "-p", project, "export", "--format", "jsonl", "--option",
                      "form=labels", "-o", labels, NULL));
  g_assert_true (g_file_get_contents (labels, &contents, NULL, NULL));
  assert_contains (contents, "\"label\":[[0,6,\"place\"]]");
}

/* WebAnno TSV: one file per document, imported back without --format (found by its
 * first line), with its annotation. */
static void
test_export_import_webanno (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *folder = build_path (fixture, "webanno");
  g_autofree char *file = g_build_filename (folder, "document-1.tsv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *shown = NULL;

  make_export_projects (fixture, project, other);
  out = run_cli_ok (fixture, "-p", project, "export", "--format", "webanno", "-o", folder,
                    NULL);
  assert_contains (out, "Wrote 1 file");
  g_free (out);
  out = run_cli_ok (fixture, "-p", other, "import", file, NULL);
  assert_contains (out, "imported as document 1 (Bamako, le 20 juin)");
  shown = run_cli_ok (fixture, "-p", other, "show", "1", NULL);
  assert_contains (shown, "1 annotation");
  assert_contains (shown, "«Bamako»");
}

/* A project is never a document to import: not the one it would go into (reading it
 * outside SQLite would drop the locks of its connection), nor any other. */
static void
test_import_refuses_projects (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *tei_name = build_path (fixture, "project.xml");
  const char *sources[] = { project, other, tei_name };

  make_export_projects (fixture, project, other);
  g_assert_cmpint (symlink (project, tei_name), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr(CliRun) run = run_cli (fixture, "--project", project, "import", sources[i],
                                       NULL);
      g_autofree char *list = NULL;

      g_test_message ("import %s: %s", sources[i], run->err);
      g_assert_cmpint (run->status, !=, 0);
      assert_contains (run->err, "cannot be read as a document");
      list = run_cli_ok (fixture, "--project", project, "list", NULL);
      assert_not_contains (list, "\n2 ");
    }
  g_free (run_cli_ok (fixture, "check", "--project", project, NULL));
  assert_no_sidecar_files (other);
  g_assert_false (g_file_test (other_wal, G_FILE_TEST_EXISTS));
}

/* check finds the links an older Tessera let in: a mention linked to an entity its type
 * cannot name, and a claim or cue linked to an entity at all. An "Other" mention (TEI rs)
 * names any entity. */
static void
test_check_links (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CliRun) run = NULL;

  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME,
                      NULL));
  g_free (run_cli_ok (fixture, "link", "1", "--new", PERSON_NAME, NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "date", "--start", "0", "--end", "3",
                      NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "claim", "--start", "4",
                      "--end", "9", NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "other", "--start", "10",
                      "--end", "14", NULL));
  g_free (run_cli_ok (fixture, "link", "4", "--entity", "1", NULL));
  g_free (run_cli_ok (fixture, "check", NULL));

  test_exec_sql (fixture->default_project,
                 "UPDATE annotation SET entity_id = 1 WHERE id IN (2, 3)");

  run = run_cli (fixture, "check", NULL);
  assert_exit (run, 1);
  assert_contains (run->err, "annotation 2 (date) is linked to entity 1 “" PERSON_NAME
                   "” (person), which a mention of its type cannot name");
  assert_contains (run->err, "annotation 3 is a claim (claim) linked to entity 1; only "
                   "mentions link to entities");
  assert_not_contains (run->err, "annotation 4");
  assert_not_contains (run->err, "annotation 1 ");
  assert_not_contains (run->out, "no problems found");
}

/* Relations and the tagset ------------------------------------------------------------ */

/* Runs a command that must fail with one line naming what is wrong and where. */
static void
assert_relate_fails (Fixture    *fixture,
                     const char *source,
                     const char *target,
                     const char *type,
                     const char *expected)
{
  g_autoptr(CliRun) run = run_cli (fixture, "relate", source, target, "--type", type, NULL);

  assert_exit (run, 1);
  assert_one_line_error (run);
  assert_contains (run->err, expected);
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_relate (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *show = NULL;
  g_autofree char *json = NULL;

  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "person", "--text", PERSON_NAME,
                      NULL));
  g_free (run_cli_ok (fixture, "annotate", "1", "--type", "place", "--text", "Sahel", NULL));
  g_free (run_cli_ok (fixture, "annotate", "2", "--type", "other", "--start", "0", "--end", "4",
                      NULL));

  out = run_cli_ok (fixture, "relate", "1", "2", "--type", "part-of", "--note", "là", NULL);
  assert_contains (out, "Relation 1: Part of, from annotation 1 to annotation 2");
  /* By a label in another language, with the id for scripts. */
  json = compact_json_output (run_cli_ok (fixture, "relate", "2", "1", "--type", "Coréférence",
                                          "--json", NULL));
  g_assert_cmpint (json_int (json, "id", 0), ==, 2);
  assert_contains (json, "\"type\":\"same-as\"");

  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "2 relations\n");
  assert_contains (show, "r1");
  assert_contains (show, "#1 → #2  là");
  g_clear_pointer (&json, g_free);
  json = compact_json_output (run_cli_ok (fixture, "show", "1", "--json", NULL));
  assert_contains (json, "\"relations\":[{\"id\":1,\"type\":\"part-of\",\"source\":1,"
                   "\"target\":2,\"note\":\"là\"}");

  /* What is wrong, and where. */
  assert_relate_fails (fixture, "1", "99999", "supports", "There is no annotation 99999");
  assert_relate_fails (fixture, "1", "3", "supports",
                       "Annotation 1 is in document 1 and annotation 3 in document 2");
  assert_relate_fails (fixture, "1", "1", "supports", "Annotation 1 cannot be related to itself");
  assert_relate_fails (fixture, "1", "2", "cites",
                       "no relation type “cites” in this project; it has: supports, "
                       "contradicts, same-claim, part-of, same-as");
  {
    g_autoptr(CliRun) run = run_cli (fixture, "relate", "1", "2", NULL);

    assert_exit (run, 2);
    assert_contains (run->err, "--type");
  }
  {
    g_autoptr(CliRun) run = run_cli (fixture, "relate", "1", "--type", "supports", NULL);

    assert_exit (run, 2);
  }

  /* Unrelating, undone like any change. */
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "unrelate", "1", NULL);
  assert_contains (out, "Removed relation 1");
  {
    g_autoptr(CliRun) run = run_cli (fixture, "unrelate", "1", NULL);

    assert_exit (run, 1);
    assert_one_line_error (run);
    assert_contains (run->err, "relation 1");
  }
  g_clear_pointer (&show, g_free);
  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "1 relation\n");
  g_free (run_cli_ok (fixture, "undo", NULL));
  g_clear_pointer (&show, g_free);
  show = run_cli_ok (fixture, "show", "1", NULL);
  assert_contains (show, "2 relations\n");

  /* The same thing in another document: listed by both, naming the other one. */
  g_clear_pointer (&out, g_free);
  out = run_cli_ok (fixture, "relate", "1", "3", "--type", "same-as", NULL);
  assert_contains (out, "from annotation 1 to annotation 3");
  for (guint i = 0; i < 2; i++)
    {
      const char *said[][3] = {
        { "1", "3 relations\n", "#1 → #3 (document 2 “" },
        { "2", "1 relation\n", "#1 → #3 (document 1 “" },
      };

      g_clear_pointer (&show, g_free);
      show = run_cli_ok (fixture, "show", said[i][0], NULL);
      assert_contains (show, said[i][1]);
      assert_contains (show, said[i][2]);
    }
  g_clear_pointer (&json, g_free);
  json = compact_json_output (run_cli_ok (fixture, "show", "2", "--json", NULL));
  assert_contains (json, "\"source\":1,\"target\":3,\"note\":null,\"source_document\":1,"
                   "\"target_document\":2}");
}

static void
test_tagset (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = run_cli_ok (fixture, "tagset", NULL);
  g_autofree char *json = NULL;

  assert_contains (out, "Annotation types:");
  assert_contains (out, "person");
  assert_contains (out, "Relation types:");
  assert_contains (out, "<relation name=\"same-claim\">");
  g_assert_true (strstr (out, "supports") < strstr (out, "contradicts"));

  json = compact_json_output (run_cli_ok (fixture, "tagset", "--json", NULL));
  assert_contains (json, "\"key\":\"same-as\",\"label\":\"Same as\",\"label_fr\":"
                   "\"Coréférence\",\"label_en\":\"Same as\",\"tei_name\":\"same-as\"");
  assert_contains (json, "\"key\":\"claim\"");
}

/* brat from the command line: "export --format brat" writes a folder of pairs and their
 * configuration, which "import" reads back, finding the format by itself. */
static void
test_brat (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *project = build_path (fixture, "p.tessera");
  g_autofree char *other = build_path (fixture, "other.tessera");
  g_autofree char *folder = build_path (fixture, "brat");
  g_autofree char *ann = g_build_filename (folder, "01-Bamako-le-20-juin.ann", NULL);
  g_autofree char *conf = g_build_filename (folder, "annotation.conf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;

  make_export_projects (fixture, project, other);
  g_free (run_cli_ok (fixture, "-p", project, "export", "--format", "brat", "-o", folder, NULL));
  g_assert_true (g_file_get_contents (ann, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "T1\tplace 0 6\tBamako\n");
  g_assert_true (g_file_test (conf, G_FILE_TEST_IS_REGULAR));

  g_free (run_cli_ok (fixture, "-p", other, "import", folder, NULL));
  list = run_cli_ok (fixture, "-p", other, "list", NULL);
  assert_contains (list, "Bamako, le 20 juin");
  g_assert_null (strstr (list, "\n2"));
  show = run_cli_ok (fixture, "-p", other, "show", "1", NULL);
  assert_contains (show, "1 annotation\n");
  assert_contains (show, "Place          0–6           «Bamako»");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("TESSERA_CLI") == NULL || g_getenv ("TESSERA_SEEDS_DIR") == NULL)
    {
      g_test_add_func ("/core/cli/environment", test_no_cli);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/cli/list-default-project", test_list_default_project);
  ADD ("/core/cli/annotate-text", test_annotate_text);
  ADD ("/core/cli/annotate-offsets", test_annotate_offsets);
  ADD ("/core/cli/undo-redo", test_undo_redo);
  ADD ("/core/cli/remove", test_remove);
  ADD ("/core/cli/stats", test_stats);
  ADD ("/core/cli/check", test_check);
  ADD ("/core/cli/usage-errors", test_usage_errors);
  ADD ("/core/cli/init-import", test_init_import);
  ADD ("/core/cli/project-option", test_project_option);
  ADD ("/core/cli/refuse-newer-version", test_refuse_newer_version);
  ADD ("/core/cli/refuse-not-a-project", test_refuse_not_a_project);
  ADD ("/core/cli/export-refuses-projects", test_export_refuses_projects);
  ADD ("/core/cli/export-replaces-files", test_export_replaces_files);
  ADD ("/core/cli/export-import-conll", test_export_import_conll);
  ADD ("/core/cli/export-import-webanno", test_export_import_webanno);
  ADD ("/core/cli/import-refuses-projects", test_import_refuses_projects);
  ADD ("/core/cli/jsonl-round-trip", test_jsonl_round_trip);
  ADD ("/core/cli/decimal-numbers", test_decimal_numbers);
  ADD ("/core/cli/end-of-options", test_end_of_options);
  ADD ("/core/cli/init-missing-folder", test_init_missing_folder);
  ADD ("/core/cli/text-options", test_text_options);
  ADD ("/core/cli/check-text", test_check_text);
  ADD ("/core/cli/name-not-utf8", test_name_not_utf8);
  ADD ("/core/cli/check-links", test_check_links);
  ADD ("/core/cli/relate", test_relate);
  ADD ("/core/cli/tagset", test_tagset);
  ADD ("/core/cli/brat", test_brat);

#undef ADD

  return g_test_run ();
}
