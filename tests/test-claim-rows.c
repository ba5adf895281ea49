/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tessera-core.h"
#include "test-common.h"

/* The claims of the corpus as the claims view lists them (tessera-claim-rows.h). */

typedef struct
{
  TestProject  project;
  gint64       september;     /* the documents, by date */
  gint64       october;
  gint64       undated;
  gint64       plan;          /* claims */
  gint64       border;
  gint64       border_again;
  gint64       border_later;
  gint64       long_claim;
} Fixture;

static gint64
add_document (Fixture    *fixture,
              const char *title,
              const char *date,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  TesseraDocumentInfo info = {
    .title = (char *) title,
    .publication_date = (char *) date,
    .language = (char *) "fr",
  };
  gint64 id = tessera_store_add_document (fixture->project.store, &info, text, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
annotate (Fixture    *fixture,
          gint64      document_id,
          const char *key,
          const char *needle,
          guint       occurrence)
{
  TesseraStore *store = fixture->project.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (store, document_id, &error);
  TesseraRange range;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (tessera_text_find (text, needle, occurrence, &range));
  id = tessera_store_add_annotation (store, document_id, test_type_id (store, key), &range, 1,
                                     NULL, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_claim (Fixture    *fixture,
           gint64      document_id,
           const char *words,
           gint64      source_mention,
           const char *cue)
{
  TesseraStore *store = fixture->project.store;
  g_autoptr(GError) error = NULL;
  gint64 claim = annotate (fixture, document_id, "claim", words, 1);

  if (source_mention != 0)
    g_assert_true (tessera_store_set_claim_source (store, claim, source_mention, 0, &error));
  if (cue != NULL)
    g_assert_true (tessera_store_set_claim_cue (store, claim,
                                                annotate (fixture, document_id, "cue", cue, 1),
                                                &error));
  g_assert_no_error (error);
  return claim;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  TesseraStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = NULL;
  gint64 diarra, minister, minister_later;

  test_project_set_up (&fixture->project, "tessera-claim-rows-XXXXXX", "test.tessera");
  store = fixture->project.store;

  /* Added out of date order: the rows come by date. */
  fixture->october = add_document (fixture, "Le ministre répète", "2024-10-02",
                                   "« La frontière reste fermée », a-t-il déclaré. "
                                   "Le ministre a répété : « la frontière reste fermée ».");
  fixture->september = add_document (fixture, "Le plan de l’AES", "2024-09-16",
                                     "Selon le général Oumar Diarra, ce plan permettra "
                                     "d’insuffler un nouveau dynamisme. Le ministre a déclaré "
                                     "que la frontière reste fermée.");
  long_text = g_strnfill (200, 'x');
  fixture->undated = add_document (fixture, "Sans date", NULL, long_text);

  diarra = annotate (fixture, fixture->september, "person", "Oumar Diarra", 1);
  g_assert_cmpint (tessera_store_add_entity_for_mention (store, diarra, "Général Oumar Diarra",
                                                         NULL, &error), >, 0);
  g_assert_no_error (error);
  minister = annotate (fixture, fixture->september, "role", "Le ministre", 1);
  minister_later = annotate (fixture, fixture->october, "role", "Le ministre", 1);

  fixture->plan = add_claim (fixture, fixture->september,
                             "ce plan permettra d’insuffler un nouveau dynamisme", diarra,
                             "Selon");
  fixture->border = add_claim (fixture, fixture->september, "la frontière reste fermée",
                               minister, "a déclaré");
  fixture->border_again = add_claim (fixture, fixture->october, "La frontière reste fermée",
                                     0, "a-t-il déclaré");
  fixture->border_later = add_claim (fixture, fixture->october, "la frontière reste fermée",
                                     minister_later, "a répété");
  fixture->long_claim = add_claim (fixture, fixture->undated, long_text, 0, NULL);

  /* The same statement twice in October, through the store. */
  g_assert_cmpint (tessera_store_add_relation (store, TESSERA_RELATION_SAME_CLAIM,
                                               fixture->border_again, fixture->border_later,
                                               NULL, &error), >, 0);
  g_assert_no_error (error);
  /* A relation of another type groups nothing. */
  g_assert_cmpint (tessera_store_add_relation (store, "supports", fixture->border_later,
                                               annotate (fixture, fixture->october, "claim",
                                                         "a répété", 1),
                                               NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_project_tear_down (&fixture->project);
}

static TesseraClaimRow *
find_row (GPtrArray *rows,
          gint64     annotation_id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      TesseraClaimRow *row = g_ptr_array_index (rows, i);

      if (row->annotation_id == annotation_id)
        return row;
    }
  g_assert_not_reached ();
}

static GPtrArray *
dup_rows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = tessera_store_dup_claim_rows (fixture->project.store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_cue_key (void)
{
  const struct {
    const char *cue;
    const char *key;
  } cases[] = {
    { "déclaré", "déclaré" },
    { "a déclaré", "déclaré" },
    { "A-t-il déclaré", "déclaré" },
    { "a-t-elle déclaré", "déclaré" },
    { "ont déclarées", "déclaré" },
    { "déclarés", "déclaré" },
    { "déclare-t-il", "déclare" },
    { "Selon", "selon" },
    { "d’après", "après" },
    { "a", "a" },
    { "…", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = tessera_claim_cue_key (cases[i].cue);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = dup_rows (fixture);
  TesseraClaimRow *row;

  /* Every claim, by date then place in the text; undated last. */
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpint (((TesseraClaimRow *) rows->pdata[0])->annotation_id, ==, fixture->plan);
  g_assert_cmpint (((TesseraClaimRow *) rows->pdata[1])->annotation_id, ==, fixture->border);
  g_assert_cmpint (((TesseraClaimRow *) rows->pdata[2])->annotation_id, ==,
                   fixture->border_again);
  g_assert_cmpint (((TesseraClaimRow *) rows->pdata[5])->annotation_id, ==,
                   fixture->long_claim);

  /* A source by its entity, named as the entity is. */
  row = find_row (rows, fixture->plan);
  g_assert_cmpstr (row->source, ==, "Général Oumar Diarra");
  g_assert_cmpint (row->source_entity_id, >, 0);
  g_assert_cmpstr (row->cue, ==, "Selon");
  g_assert_cmpstr (row->cue_key, ==, "selon");
  g_assert_cmpstr (row->text, ==, "ce plan permettra d’insuffler un nouveau dynamisme");
  g_assert_cmpstr (row->document_title, ==, "Le plan de l’AES");
  g_assert_cmpstr (row->document_date, ==, "2024-09-16");
  g_assert_cmpint (row->document_id, ==, fixture->september);

  /* A source by a mention without an entity: its words. */
  row = find_row (rows, fixture->border);
  g_assert_cmpstr (row->source, ==, "Le ministre");
  g_assert_cmpint (row->source_entity_id, ==, 0);
  g_assert_cmpint (row->source_annotation_id, >, 0);
  g_assert_cmpstr (row->cue_key, ==, "déclaré");

  /* No source, and the inverted form of the same verb. */
  row = find_row (rows, fixture->border_again);
  g_assert_null (row->source);
  g_assert_cmpstr (row->cue, ==, "a-t-il déclaré");
  g_assert_cmpstr (row->cue_key, ==, "déclaré");

  /* Long words are shortened; no cue. */
  row = find_row (rows, fixture->long_claim);
  g_assert_null (row->cue);
  g_assert_null (row->cue_key);
  g_assert_cmpuint (g_utf8_strlen (row->text, -1), ==, TESSERA_CLAIM_ROW_TEXT_MAX + 1);
  g_assert_true (g_str_has_suffix (row->text, "…"));
}

static void
test_months (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = dup_rows (fixture);

  g_assert_cmpstr (find_row (rows, fixture->plan)->month, ==, "2024-09");
  g_assert_cmpstr (find_row (rows, fixture->border_later)->month, ==, "2024-10");
  g_assert_null (find_row (rows, fixture->long_claim)->month);
}

static void
test_same_claim_groups (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = dup_rows (fixture);
  g_autofree char *sql = NULL;
  gint64 first = MIN (fixture->border_again, fixture->border_later);
  TesseraClaimRow *row;

  /* Two claims of one article: one group, no other article. */
  g_assert_cmpint (find_row (rows, fixture->border_again)->same_claim_id, ==, first);
  g_assert_cmpint (find_row (rows, fixture->border_later)->same_claim_id, ==, first);
  g_assert_cmpuint (find_row (rows, fixture->border_later)->n_same_claim_documents, ==, 0);
  g_assert_cmpint (find_row (rows, fixture->border)->same_claim_id, ==, fixture->border);
  g_assert_cmpint (find_row (rows, fixture->plan)->same_claim_id, ==, fixture->plan);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The same statement reported in September too, linked as another program (or a later
   * Tessera) may store it: across articles, through the group's other member. */
  g_clear_object (&fixture->project.store);
  sql = g_strdup_printf ("INSERT INTO relation (type, source_id, target_id, created)"
                         " VALUES ('same-claim', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                         " '2024-10-03T00:00:00Z');",
                         fixture->border, fixture->border_later);
  test_exec_sql (fixture->project.path, sql);
  fixture->project.store = test_open_existing_project (fixture->project.path);

  rows = dup_rows (fixture);
  first = MIN (first, fixture->border);
  for (guint i = 0; i < 3; i++)
    {
      gint64 id = (gint64[]) { fixture->border, fixture->border_again,
                               fixture->border_later }[i];

      row = find_row (rows, id);
      g_assert_cmpint (row->same_claim_id, ==, first);
      g_assert_cmpuint (row->n_same_claim_documents, ==, 1);
    }
  g_assert_cmpint (find_row (rows, fixture->plan)->same_claim_id, ==, fixture->plan);
  g_assert_cmpuint (find_row (rows, fixture->plan)->n_same_claim_documents, ==, 0);
}

static void
test_follows_deletion (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (tessera_store_remove_annotation (fixture->project.store, fixture->border_later,
                                                  &error));
  g_assert_no_error (error);
  rows = dup_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 5);
  /* Its partner is alone again. */
  g_assert_cmpint (find_row (rows, fixture->border_again)->same_claim_id, ==,
                   fixture->border_again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/claim-rows/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/core/claim-rows/cue-key", test_cue_key);
  ADD ("rows", test_rows);
  ADD ("months", test_months);
  ADD ("same-claim-groups", test_same_claim_groups);
  ADD ("follows-deletion", test_follows_deletion);

  return g_test_run ();
}
