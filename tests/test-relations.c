/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tessera-core.h"
#include "test-common.h"

/* Relations and their types, the tagset's second half: the store's rules, the signal the
 * window redraws from, and the migration that brings old projects' relations along. */

static const char article[] =
  "Selon le général Oumar Diarra, ce plan permettra d’insuffler un nouveau dynamisme. "
  "Le ministre a démenti : « ce plan ne permettra rien ».";

typedef TestProject Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_project_set_up (fixture, "tessera-relations-XXXXXX", "relations.tessera");
  test_project_add_article (fixture, "Article", article);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_project_tear_down (fixture);
}

/* The first @needle of the article, marked as an annotation of type @key. */
#define mark(fixture, key, needle) \
  test_mark ((fixture)->store, (fixture)->document_id, article, (key), (needle))

/* The keys of the relation types, in order, joined by spaces. */
static char *
relation_type_keys (TesseraStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) types = tessera_store_dup_relation_types (store, &error);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < types->len; i++)
    g_strv_builder_add (keys, tessera_relation_type_get_key (g_ptr_array_index (types, i)));
  strv = g_strv_builder_end (keys);
  return g_strjoinv (" ", strv);
}

/* Fails unless the document's relations have the types @expected, in order. */
static void
assert_relation_types (Fixture    *fixture,
                       const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = tessera_store_dup_relations (fixture->store,
                                                                fixture->document_id, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", relation->type);
    }
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_default_types (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *keys = relation_type_keys (fixture->store);
  g_autoptr(TesseraRelationType) same_as = NULL;
  g_autoptr(TesseraRelationType) by_label = NULL;

  g_assert_cmpstr (keys, ==, "supports contradicts same-claim part-of same-as");

  same_as = tessera_store_lookup_relation_type (fixture->store, "same-as");
  g_assert_nonnull (same_as);
  g_assert_cmpint (tessera_relation_type_get_id (same_as), >, 0);
  g_assert_cmpstr (tessera_relation_type_get_tei_name (same_as), ==, "same-as");
  g_assert_cmpstr (tessera_relation_type_get_label_for (same_as, "fr"), ==, "Coréférence");
  g_assert_cmpstr (tessera_relation_type_get_label_for (same_as, "en"), ==, "Same as");
  g_assert_true (tessera_relation_type_get_symmetric (same_as));
  g_assert_true (tessera_relation_type_get_crosses_documents (same_as));
  g_assert_nonnull (tessera_relation_type_get_description (same_as));
  g_assert_cmpstr (tessera_relation_type_get_color (same_as), ==, "#1c71d8");

  /* The command line finds a type by its label in any language, or by its key. */
  by_label = tessera_store_find_relation_type (fixture->store, "contredit");
  g_assert_nonnull (by_label);
  g_assert_cmpstr (tessera_relation_type_get_key (by_label), ==, "contradicts");
  g_assert_null (tessera_store_lookup_relation_type (fixture->store, "Contredit"));
  g_assert_null (tessera_store_find_relation_type (fixture->store, "cites"));
}

static void
on_relation_changed (TesseraStore *store,
                     gint64        document_id,
                     gint64        relation_id,
                     int           change,
                     GString      *log)
{
  g_string_append_printf (log, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s ", document_id,
                          relation_id,
                          change == TESSERA_CHANGE_ADDED ? "added"
                          : change == TESSERA_CHANGE_REMOVED ? "removed" : "modified");
}

static void
test_signal_on_undo_and_redo (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(TesseraJournalEntry) entry = NULL;
  g_autofree char *expected = NULL;
  gint64 a = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 b = mark (fixture, "claim", "ce plan ne permettra rien");
  gint64 relation;

  g_signal_connect (fixture->store, "relation-changed", G_CALLBACK (on_relation_changed), log);

  relation = tessera_store_add_relation (fixture->store, "contradicts", b, a, NULL, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":added ",
                              fixture->document_id, relation);
  g_assert_cmpstr (log->str, ==, expected);

  /* Undo takes it away and says so; redo brings it back and says so. */
  g_string_truncate (log, 0);
  entry = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->action, ==, "relation-add");
  g_clear_pointer (&entry, tessera_journal_entry_free);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":removed ",
                              fixture->document_id, relation);
  g_assert_cmpstr (log->str, ==, expected);
  assert_relation_types (fixture, "");

  g_string_truncate (log, 0);
  entry = tessera_store_redo (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, tessera_journal_entry_free);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":added ",
                              fixture->document_id, relation);
  g_assert_cmpstr (log->str, ==, expected);

  /* Removing it, and removing an annotation that takes its relation along. */
  g_string_truncate (log, 0);
  g_assert_true (tessera_store_remove_relation (fixture->store, relation, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":removed ",
                              fixture->document_id, relation);
  g_assert_cmpstr (log->str, ==, expected);
  entry = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry->document_id, ==, fixture->document_id);
  g_clear_pointer (&entry, tessera_journal_entry_free);

  g_string_truncate (log, 0);
  g_assert_true (tessera_store_remove_annotation (fixture->store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, expected);
  g_string_truncate (log, 0);
  entry = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":added ",
                              fixture->document_id, relation);
  g_assert_cmpstr (log->str, ==, expected);

  g_signal_handlers_disconnect_by_func (fixture->store, on_relation_changed, log);
}

static void
test_refuse (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 b = mark (fixture, "claim", "ce plan ne permettra rien");

  /* A type the tagset does not know, and what to do about it. */
  g_assert_cmpint (tessera_store_add_relation (fixture->store, "cites", a, b, NULL, &error),
                   ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  test_assert_contains (error->message, "“cites”");
  test_assert_contains (error->message, "Preferences");
  g_clear_error (&error);

  g_assert_cmpint (tessera_store_add_relation (fixture->store, "supports", a, a, NULL, &error),
                   ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_relation_types (fixture, "");
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static void
test_edit_types (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraRelationType) cites = tessera_relation_type_new ("cites", "Cites");
  g_autoptr(TesseraRelationType) clash = tessera_relation_type_new ("supports", "Again");
  g_autoptr(TesseraRelationType) edited = NULL;
  g_autoptr(TesseraRelationType) stored = NULL;
  g_autoptr(TesseraJournalEntry) entry = NULL;
  g_autofree char *keys = NULL;
  gint64 a = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 b = mark (fixture, "claim", "ce plan ne permettra rien");
  gint64 cites_id, supports_id;
  guint tagset_changes = 0;

  g_signal_connect_swapped (fixture->store, "tagset-changed", G_CALLBACK (count_signal),
                            &tagset_changes);

  /* Added at the end, with its labels, TEI name and colour. */
  tessera_relation_type_set_label_for (cites, "fr", "Cite");
  tessera_relation_type_set_label_for (cites, "en", "Cites");
  tessera_relation_type_set_tei_name (cites, "cites");
  tessera_relation_type_set_color (cites, "#a51d2d");
  cites_id = tessera_store_add_relation_type (fixture->store, cites, &error);
  g_assert_no_error (error);
  keys = relation_type_keys (fixture->store);
  g_assert_cmpstr (keys, ==, "supports contradicts same-claim part-of same-as cites");
  g_assert_cmpuint (tagset_changes, ==, 1);
  g_assert_cmpint (tessera_store_add_relation_type (fixture->store, clash, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  tessera_relation_type_set_color (clash, "rouge");
  tessera_relation_type_set_key (clash, "other");
  g_assert_cmpint (tessera_store_add_relation_type (fixture->store, clash, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (tessera_store_add_relation (fixture->store, "cites", a, b, NULL, &error),
                   >, 0);
  g_assert_no_error (error);

  /* A new key renames the relations with it; undo renames them back. */
  stored = tessera_store_lookup_relation_type (fixture->store, "cites");
  edited = tessera_relation_type_copy (stored);
  tessera_relation_type_set_key (edited, "quotes");
  tessera_relation_type_set_label_for (edited, "fr", "Reprend");
  tessera_relation_type_set_tei_name (edited, "quotation");
  g_assert_true (tessera_store_update_relation_type (fixture->store, edited, &error));
  g_assert_no_error (error);
  assert_relation_types (fixture, "quotes");
  g_clear_object (&stored);
  stored = tessera_store_lookup_relation_type (fixture->store, "quotes");
  g_assert_cmpstr (tessera_relation_type_get_label_for (stored, "fr"), ==, "Reprend");
  g_assert_cmpstr (tessera_relation_type_get_tei_name (stored), ==, "quotation");
  entry = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, tessera_journal_entry_free);
  assert_relation_types (fixture, "cites");
  g_assert_null (tessera_store_lookup_relation_type (fixture->store, "quotes"));

  /* Moved first; the move is undoable. */
  g_assert_true (tessera_store_move_relation_type (fixture->store, cites_id, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&keys, g_free);
  keys = relation_type_keys (fixture->store);
  g_assert_cmpstr (keys, ==, "cites supports contradicts same-claim part-of same-as");
  entry = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, tessera_journal_entry_free);
  g_clear_pointer (&keys, g_free);
  keys = relation_type_keys (fixture->store);
  g_assert_cmpstr (keys, ==, "supports contradicts same-claim part-of same-as cites");

  /* A type in use is removed only with a replacement, which its relations take. */
  g_assert_false (tessera_store_remove_relation_type (fixture->store, cites_id, 0, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IN_USE);
  test_assert_contains (error->message, "1 relation");
  g_clear_error (&error);
  g_clear_object (&stored);
  stored = tessera_store_lookup_relation_type (fixture->store, "supports");
  supports_id = tessera_relation_type_get_id (stored);
  g_assert_true (tessera_store_remove_relation_type (fixture->store, cites_id, supports_id,
                                                     &error));
  g_assert_no_error (error);
  g_assert_null (tessera_store_lookup_relation_type (fixture->store, "cites"));
  assert_relation_types (fixture, "supports");

  /* Undo brings the type back with its labels, and its relations' type. */
  entry = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->action, ==, "relation-type-remove");
  g_clear_pointer (&entry, tessera_journal_entry_free);
  g_clear_object (&stored);
  stored = tessera_store_lookup_relation_type (fixture->store, "cites");
  g_assert_nonnull (stored);
  g_assert_cmpstr (tessera_relation_type_get_label_for (stored, "fr"), ==, "Cite");
  assert_relation_types (fixture, "cites");
}

/* A project of format 1, with relations of a default type and of one of its own. */
static void
test_migrate_relations (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = NULL;
  g_autoptr(TesseraRelationType) cites = NULL;
  gint64 a = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 b = mark (fixture, "claim", "ce plan ne permettra rien");
  gint64 person = mark (fixture, "person", "Oumar Diarra");
  g_autofree char *sql = NULL;

  g_clear_object (&fixture->store);
  sql = g_strdup_printf ("DROP TABLE relation_type_label; DROP TABLE relation_type;"
                         " DROP INDEX relation_by_type;"
                         " INSERT INTO relation (type, source_id, target_id, note, created)"
                         " VALUES ('contradicts', %1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
                         ", 'démenti', '2026-01-01T00:00:00Z'),"
                         " ('cites', %2$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT
                         ", NULL, '2026-01-01T00:00:00Z'),"
                         " ('cites', %1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT
                         ", NULL, '2026-01-01T00:00:00Z');"
                         " PRAGMA user_version = 1;", b, a, person);
  test_exec_sql (fixture->path, sql);

  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* The defaults, then the type its relations used: none lost. */
  keys = relation_type_keys (fixture->store);
  g_assert_cmpstr (keys, ==, "supports contradicts same-claim part-of same-as cites");
  cites = tessera_store_lookup_relation_type (fixture->store, "cites");
  g_assert_cmpstr (tessera_relation_type_get_label (cites), ==, "cites");
  g_assert_cmpstr (tessera_relation_type_get_tei_name (cites), ==, "cites");
  assert_relation_types (fixture, "contradicts cites cites");

  /* Only the types that mean "the same" join documents. */
  g_assert_false (tessera_relation_type_get_crosses_documents (cites));
  g_clear_object (&cites);
  cites = tessera_store_lookup_relation_type (fixture->store, "same-claim");
  g_assert_true (tessera_relation_type_get_crosses_documents (cites));
  g_clear_object (&cites);
  cites = tessera_store_lookup_relation_type (fixture->store, "contradicts");
  g_assert_false (tessera_relation_type_get_crosses_documents (cites));
  g_clear_object (&cites);
  cites = tessera_store_lookup_relation_type (fixture->store, "cites");

  /* Its relations are as good as new ones. */
  g_assert_cmpint (tessera_store_add_relation (fixture->store, "cites", b, a, NULL, &error),
                   >, 0);
  g_assert_no_error (error);
}

/* A relation whose type left the tagset behind Tessera's back is a problem the check says. */
static void
test_check_unknown_type (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 a = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 b = mark (fixture, "claim", "ce plan ne permettra rien");
  gint64 relation;
  g_autofree char *expected = NULL;

  relation = tessera_store_add_relation (fixture->store, "same-claim", a, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_clear_object (&fixture->store);
  test_exec_sql (fixture->path, "DELETE FROM relation_type_label WHERE type_id IN"
                                " (SELECT id FROM relation_type WHERE key = 'same-claim');"
                                "DELETE FROM relation_type WHERE key = 'same-claim'");
  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  expected = g_strdup_printf ("relation %" G_GINT64_FORMAT " has the type “same-claim”, which "
                              "the tagset does not have", relation);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, expected);
}

/* The relations from or to @annotation_id, oldest first, joined by spaces: their types, or
 * with @ends the other end of each with its document, "other@document". */
static char *
annotation_relations_as (Fixture  *fixture,
                         gint64    annotation_id,
                         gboolean  ends)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations =
    tessera_store_dup_annotation_relations (fixture->store, annotation_id, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    {
      TesseraRelation *relation = g_ptr_array_index (relations, i);
      gboolean outgoing = relation->source_id == annotation_id;

      g_assert_true (outgoing || relation->target_id == annotation_id);
      if (i > 0)
        g_string_append_c (out, ' ');
      if (!ends)
        g_string_append (out, relation->type);
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                                outgoing ? relation->target_id : relation->source_id,
                                outgoing ? relation->target_document_id
                                         : relation->source_document_id);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define annotation_relation_types(fixture, id) annotation_relations_as ((fixture), (id), FALSE)
#define annotation_relation_ends(fixture, id) annotation_relations_as ((fixture), (id), TRUE)

/* What the inspector lists for one annotation: the relations from it and to it, oldest
 * first, and no other of the document. */
static void
test_annotation_relations (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *types[] = { "contradicts", "part-of", "same-as" };
  gint64 denial = mark (fixture, "claim", "ce plan ne permettra rien");
  gint64 plan = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 general = mark (fixture, "person", "Oumar Diarra");
  gint64 ends[][2] = {
    { denial, plan }, { plan, general }, { general, mark (fixture, "role", "ministre") },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_cmpint (tessera_store_add_relation (fixture->store, types[i], ends[i][0],
                                                   ends[i][1], NULL, &error), >, 0);
      g_assert_no_error (error);
    }

  /* The plan is the target of the first and the source of the second, not in the third. */
  listed = annotation_relation_types (fixture, plan);
  g_assert_cmpstr (listed, ==, "contradicts part-of");
  g_clear_pointer (&listed, g_free);

  /* Removing the general takes his two relations along. */
  g_assert_true (tessera_store_remove_annotation (fixture->store, general, &error));
  g_assert_no_error (error);
  listed = annotation_relation_types (fixture, plan);
  g_assert_cmpstr (listed, ==, "contradicts");
  g_clear_pointer (&listed, g_free);
  listed = annotation_relation_types (fixture, ends[2][1]);
  g_assert_cmpstr (listed, ==, "");
}

/* A second article on the same events, repeating the first one's claim. */
static const char second_article[] =
  "Le général Oumar Diarra a répété que ce plan permettra d’insuffler un nouveau dynamisme.";

/* The one relation of @annotation_id goes to (or comes from) @other_id in @other_document. */
static void
assert_other_end (Fixture *fixture,
                  gint64   annotation_id,
                  gint64   other_id,
                  gint64   other_document)
{
  g_autofree char *ends = annotation_relation_ends (fixture, annotation_id);
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                                               other_id, other_document);

  g_assert_cmpstr (ends, ==, expected);
}

/* Undoes (or redoes) the last change. */
static gboolean
replay (Fixture  *fixture,
        gboolean  undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraJournalEntry) entry = undo ? tessera_store_undo (fixture->store, &error)
                                              : tessera_store_redo (fixture->store, &error);

  g_assert_no_error (error);
  return entry != NULL;
}

static guint
count_cross_document_relations (Fixture *fixture,
                                gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations =
    tessera_store_dup_cross_document_relations (fixture->store, document_id, &error);

  g_assert_no_error (error);
  return relations->len;
}

/* One claim repeated by two articles: a same-claim relation joins them, and every change
 * of it — made, undone, redone, removed with either end or either document — is told to
 * both articles' views and undone as one step. A type that stays within a document is
 * refused, saying which types may cross. */
static void
test_cross_document (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 first_document = fixture->document_id;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) within = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 first = mark (fixture, "claim", "ce plan permettra d’insuffler");
  gint64 second_document, second, person, relation;

  test_project_add_article (fixture, "Second article", second_article);
  second_document = fixture->document_id;
  second = test_mark (fixture->store, second_document, second_article, "claim",
                      "ce plan permettra d’insuffler");
  person = test_mark (fixture->store, second_document, second_article, "person",
                      "Oumar Diarra");

  g_assert_cmpint (tessera_store_add_relation (fixture->store, "supports", second, first, NULL,
                                               &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  test_assert_contains (error->message, "“Supports”");
  test_assert_contains (error->message, "“Same claim”");
  g_clear_error (&error);

  g_signal_connect (fixture->store, "relation-changed", G_CALLBACK (on_relation_changed), log);
  relation = tessera_store_add_relation (fixture->store, "same-claim", second, first, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (relation, >, 0);
  expected = g_strdup_printf ("%1$" G_GINT64_FORMAT ":%3$" G_GINT64_FORMAT ":added "
                              "%2$" G_GINT64_FORMAT ":%3$" G_GINT64_FORMAT ":added ",
                              second_document, first_document, relation);
  g_assert_cmpstr (log->str, ==, expected);

  /* Each end lists it with the other's document; neither document's own relations do. */
  assert_other_end (fixture, first, second, second_document);
  within = tessera_store_dup_relations (fixture->store, first_document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (within->len, ==, 0);
  g_assert_cmpuint (count_cross_document_relations (fixture, first_document), ==, 1);
  g_assert_cmpuint (count_cross_document_relations (fixture, second_document), ==, 1);
  g_assert_cmpuint (count_cross_document_relations (fixture, 0), ==, 1);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Undone and redone from the journal, whichever article is open. */
  g_string_truncate (log, 0);
  g_assert_true (replay (fixture, TRUE));
  g_assert_cmpuint (count_cross_document_relations (fixture, 0), ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%1$" G_GINT64_FORMAT ":%3$" G_GINT64_FORMAT ":removed "
                              "%2$" G_GINT64_FORMAT ":%3$" G_GINT64_FORMAT ":removed ",
                              second_document, first_document, relation);
  g_assert_cmpstr (log->str, ==, expected);
  g_assert_true (replay (fixture, FALSE));
  g_assert_cmpuint (count_cross_document_relations (fixture, 0), ==, 1);

  /* Removing the first article's claim takes the relation along; undo brings it back. */
  g_string_truncate (log, 0);
  g_assert_true (tessera_store_remove_annotation (fixture->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_cross_document_relations (fixture, 0), ==, 0);
  test_assert_contains (log->str, ":removed");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":removed",
                              second_document, relation);
  test_assert_contains (log->str, expected);
  g_assert_true (replay (fixture, TRUE));
  assert_other_end (fixture, second, first, first_document);

  /* So does removing the whole second article: the first one's view hears of it. */
  g_string_truncate (log, 0);
  g_assert_true (tessera_store_remove_document (fixture->store, second_document, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":removed ",
                              first_document, relation);
  g_assert_cmpstr (log->str, ==, expected);
  ends = annotation_relation_ends (fixture, first);
  g_assert_cmpstr (ends, ==, "");
  g_clear_pointer (&ends, g_free);
  g_assert_true (replay (fixture, TRUE));
  assert_other_end (fixture, first, second, second_document);

  /* Same-as crosses too (one person named by both); the check flags a crossing relation
   * whose type no longer allows it. */
  g_assert_cmpint (tessera_store_add_relation (fixture->store, "same-as", person,
                                               mark (fixture, "person", "Oumar Diarra"),
                                               NULL, &error), >, 0);
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (fixture->store, on_relation_changed, log);

  /* Preferences: a type keeps crossing documents while one of its relations does; one
   * that starts to may then join two documents. */
  {
    g_autoptr(TesseraRelationType) same = tessera_store_lookup_relation_type (fixture->store,
                                                                             "same-claim");
    g_autoptr(TesseraRelationType) supports = tessera_store_lookup_relation_type (fixture->store,
                                                                                 "supports");
    g_autoptr(TesseraRelationType) within = tessera_relation_type_copy (same);
    g_autoptr(TesseraRelationType) crossing = tessera_relation_type_copy (supports);

    tessera_relation_type_set_crosses_documents (within, FALSE);
    g_assert_false (tessera_store_update_relation_type (fixture->store, within, &error));
    g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
    test_assert_contains (error->message, "1 “Same claim” relation joins two documents");
    g_clear_error (&error);
    tessera_relation_type_set_crosses_documents (crossing, TRUE);
    g_assert_true (tessera_store_update_relation_type (fixture->store, crossing, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tessera_store_add_relation (fixture->store, "supports", second, first,
                                                 NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_clear_object (&fixture->store);
  test_exec_sql (fixture->path, "UPDATE relation_type SET crosses_documents = 0"
                                " WHERE key = 'same-claim'");
  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("relation %" G_GINT64_FORMAT " links annotations of two "
                              "documents, which its type “same-claim” does not allow",
                              relation);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/relations/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("default-types", test_default_types);
  ADD ("signal-on-undo-and-redo", test_signal_on_undo_and_redo);
  ADD ("refuse", test_refuse);
  ADD ("edit-types", test_edit_types);
  ADD ("migrate-relations", test_migrate_relations);
  ADD ("check-unknown-type", test_check_unknown_type);
  ADD ("annotation-relations", test_annotation_relations);
  ADD ("cross-document", test_cross_document);

  return g_test_run ();
}
