/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "tessera-core.h"
#include "test-common.h"

static const char article[] =
  "Selon le général Oumar Diarra, ce plan permettra d’insuffler un nouveau dynamisme "
  "à la coopération militaire entre le Mali, le Burkina Faso et le Niger.";

typedef TestProject Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_project_set_up (fixture, "tessera-journal-XXXXXX", "journal.tessera");
  test_project_add_article (fixture, "Article", article);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_project_tear_down (fixture);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static gint64
mark (Fixture    *fixture,
      const char *key,
      const char *needle)
{
  return test_mark (fixture->store, fixture->document_id, article, key, needle);
}

/* A textual picture of everything the document holds, to compare states. */
static char *
describe (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store,
                                                                    fixture->document_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      TesseraAnnotation *a = g_ptr_array_index (annotations, i);
      guint n;
      const TesseraRange *r = tessera_annotation_get_ranges (a, &n);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":t%" G_GINT64_FORMAT ":e%" G_GINT64_FORMAT
                              ":%s:%s:%s",
                              tessera_annotation_get_id (a), tessera_annotation_get_type_id (a),
                              tessera_annotation_get_entity_id (a),
                              tessera_certainty_to_string (tessera_annotation_get_certainty (a)),
                              tessera_annotation_get_note (a) ? tessera_annotation_get_note (a) : "",
                              tessera_annotation_get_modified (a));
      for (guint j = 0; j < n; j++)
        g_string_append_printf (out, "[%u,%u]", r[j].start, r[j].end);
      {
        g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (fixture->store,
                                                                 tessera_annotation_get_id (a),
                                                                 NULL);
        if (claim != NULL)
          g_string_append_printf (out, " claim(src=%" G_GINT64_FORMAT ",cue=%" G_GINT64_FORMAT
                                  ",%s)", tessera_claim_get_source_annotation_id (claim),
                                  tessera_claim_get_cue_annotation_id (claim),
                                  tessera_claim_get_quote_type (claim)
                                    ? tessera_claim_get_quote_type (claim) : "-");
      }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "entities=%u\n",
                          g_list_model_get_n_items (tessera_store_get_entities (fixture->store)));
  return g_string_free (out, FALSE);
}

/* Redoes every change undone, checking the state after each against @states. */
static void
redo_all (Fixture   *fixture,
          GPtrArray *states)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < states->len; i++)
    {
      g_autoptr(TesseraJournalEntry) entry = tessera_store_redo (fixture->store, &error);
      g_autofree char *now = NULL;

      g_assert_no_error (error);
      now = describe (fixture);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
}

static void
test_undo_redo_every_change (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  gint64 person, cue, claim_id, entity;
  TesseraRange grown = { 9, 29 };

  g_assert_false (tessera_store_can_undo (fixture->store));   /* an import is not undone */
  g_ptr_array_add (states, describe (fixture));

  /* Each step is one user change; remember the state after each. */
  person = mark (fixture, "person", "Oumar Diarra");
  g_ptr_array_add (states, describe (fixture));
  cue = mark (fixture, "cue", "Selon");
  g_ptr_array_add (states, describe (fixture));
  claim_id = mark (fixture, "claim", "ce plan permettra d’insuffler");
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_set_annotation_ranges (fixture->store, person, &grown, 1, &error));
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_set_annotation_type (fixture->store, person,
                                                    test_type_id (fixture->store, "role"), &error));
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_set_annotation_certainty (fixture->store, person,
                                                         TESSERA_CERTAINTY_LOW, &error));
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_set_annotation_note (fixture->store, person, "à vérifier", &error));
  g_ptr_array_add (states, describe (fixture));
  entity = tessera_store_add_entity (fixture->store, "Oumar Diarra", test_type_id (fixture->store, "person"),
                                     NULL, &error);
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_set_annotation_type (fixture->store, person,
                                                    test_type_id (fixture->store, "person"), &error));
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_link_annotation (fixture->store, person, entity, &error));
  g_ptr_array_add (states, describe (fixture));
  {
    g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (fixture->store, claim_id, &error);

    tessera_claim_set_source_annotation_id (claim, person);
    tessera_claim_set_cue_annotation_id (claim, cue);
    tessera_claim_set_quote_type (claim, "according-to");
    g_assert_true (tessera_store_update_claim (fixture->store, claim, &error));
  }
  g_ptr_array_add (states, describe (fixture));
  g_assert_true (tessera_store_remove_annotation (fixture->store, person, &error));
  g_ptr_array_add (states, describe (fixture));
  g_assert_no_error (error);

  /* Undo everything, checking each intermediate state; then across a restart, redo all. */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
      g_autofree char *now = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (entry);
      now = describe (fixture);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
      if (i == states->len / 2)
        reopen (fixture);
    }
  g_assert_false (tessera_store_can_undo (fixture->store));
  g_assert_null (tessera_store_undo (fixture->store, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  reopen (fixture);
  redo_all (fixture, states);
  g_assert_false (tessera_store_can_redo (fixture->store));
}

static void
test_new_change_discards_redo (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(TesseraJournalEntry) undone = NULL;

  mark (fixture, "person", "Oumar Diarra");
  mark (fixture, "place", "Mali");
  undone = tessera_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_can_redo (fixture->store));

  mark (fixture, "place", "Niger");
  g_assert_false (tessera_store_can_redo (fixture->store));
  g_assert_null (tessera_store_redo (fixture->store, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  /* The history keeps the abandoned branch, marked as such. */
  history = tessera_store_dup_history (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpint (((TesseraJournalEntry *) g_ptr_array_index (history, 0))->state, ==,
                   TESSERA_JOURNAL_DONE);
  g_assert_cmpint (((TesseraJournalEntry *) g_ptr_array_index (history, 1))->state, ==,
                   TESSERA_JOURNAL_DISCARDED);
  g_assert_cmpint (((TesseraJournalEntry *) g_ptr_array_index (history, 3))->state, ==,
                   TESSERA_JOURNAL_PERMANENT);

  /* Undo now takes back Niger, then Oumar Diarra. */
  {
    g_autoptr(TesseraJournalEntry) a = tessera_store_undo (fixture->store, &error);
    g_autoptr(TesseraJournalEntry) b = tessera_store_undo (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (a->summary, "Niger"));
    g_assert_nonnull (strstr (b->summary, "Oumar Diarra"));
  }
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static void
test_models_follow_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = tessera_store_list_annotations (fixture->store,
                                                               fixture->document_id, &error);
  GListModel *documents = tessera_store_get_documents (fixture->store);
  guint changed = 0;
  guint items_changed = 0;

  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (count_signal), &changed);
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (count_signal), &items_changed);

  mark (fixture, "person", "Oumar Diarra");
  mark (fixture, "place", "Niger");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (items_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  {
    g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, 0);
    g_assert_cmpuint (tessera_document_get_annotation_count (document), ==, 2);
  }

  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, 0);
    g_autoptr(TesseraAnnotation) left = g_list_model_get_item (list, 0);

    g_assert_cmpuint (tessera_document_get_annotation_count (document), ==, 1);
    g_assert_cmpint (tessera_annotation_get_type_id (left), ==, test_type_id (fixture->store, "person"));
  }
}

static void
assert_ranges (GListModel         *list,
               const TesseraRange *expected,
               guint               n_expected)
{
  g_autoptr(TesseraAnnotation) annotation = g_list_model_get_item (list, 0);
  guint n;
  const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (ranges[i].start, ==, expected[i].start);
      g_assert_cmpuint (ranges[i].end, ==, expected[i].end);
    }
}

/* A discontinuous span grows and shrinks range by range: each change is one step of the
 * history, and undoing it gives back exactly the ranges before, in the list model the
 * window shows as in the file, across a restart too. */
static void
test_ranges_undo_exactly (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = tessera_store_list_annotations (fixture->store,
                                                               fixture->document_id, &error);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) history = NULL;
  TesseraRange general, diarra, mali, niger;
  gint64 person;

  g_assert_true (tessera_text_find (article, "général", 1, &general));
  g_assert_true (tessera_text_find (article, "Diarra", 1, &diarra));
  g_assert_true (tessera_text_find (article, "Mali", 1, &mali));
  g_assert_true (tessera_text_find (article, "Niger", 1, &niger));
  person = mark (fixture, "person", "Diarra");
  g_ptr_array_add (states, describe (fixture));

  {
    const TesseraRange two[] = { general, diarra };
    const TesseraRange three[] = { general, diarra, niger };
    const TesseraRange moved[] = { general, mali, niger };
    const TesseraRange *steps[] = { two, three, moved, three };
    const guint n_steps[] = { 2, 3, 3, 3 };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_assert_true (tessera_store_set_annotation_ranges (fixture->store, person, steps[i],
                                                            n_steps[i], &error));
        g_assert_no_error (error);
        assert_ranges (list, steps[i], n_steps[i]);
        g_ptr_array_add (states, describe (fixture));
      }
    /* The last range left alone. */
    g_assert_true (tessera_store_set_annotation_ranges (fixture->store, person, &niger, 1,
                                                        &error));
    assert_ranges (list, &niger, 1);
    g_ptr_array_add (states, describe (fixture));

    history = tessera_store_dup_history (fixture->store, 0, 0, &error);
    g_assert_no_error (error);
    /* The mark and one entry per change; the import of the article is the oldest. */
    g_assert_cmpuint (history->len, ==, states->len + 1);

    for (guint i = states->len - 1; i > 0; i--)
      {
        g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
        g_autofree char *now = NULL;

        g_assert_no_error (error);
        now = describe (fixture);
        g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
        if (list != NULL && i >= 2)
          assert_ranges (list, steps[i - 2], n_steps[i - 2]);
        /* Half way, a restart: the history is in the file. */
        if (i == 3)
          {
            g_clear_object (&list);
            reopen (fixture);
          }
      }
  }

  redo_all (fixture, states);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/journal/undo-redo-every-change", Fixture, NULL, fixture_set_up,
              test_undo_redo_every_change, fixture_tear_down);
  g_test_add ("/core/journal/new-change-discards-redo", Fixture, NULL, fixture_set_up,
              test_new_change_discards_redo, fixture_tear_down);
  g_test_add ("/core/journal/models-follow-undo", Fixture, NULL, fixture_set_up,
              test_models_follow_undo, fixture_tear_down);
  g_test_add ("/core/journal/ranges-undo-exactly", Fixture, NULL, fixture_set_up,
              test_ranges_undo_exactly, fixture_tear_down);

  return g_test_run ();
}
