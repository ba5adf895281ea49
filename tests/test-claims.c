/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <adwaita.h>

#include "tessera-attribution-bar.h"
#include "tessera-claim-section.h"
#include "tessera-inspector.h"
#include "tessera-text-view.h"
#include "tessera-window.h"

#include "gui-helpers.h"

/*
 * Claims in three keystrokes, driven through the X server: a claim marked with its key, its
 * speaker's words selected and Enter, Enter again for the cue proposed; then the keys of a
 * selected claim. The project is checked in the store after each step.
 */

typedef GuiFixture Fixture;

#define CLAIM_TEXT "ce plan permettra d’insuffler un nouveau dynamisme"

static TesseraClaimSection *
claim_section (Fixture *fixture)
{
  GtkWidget *inspector = tessera_window_get_inspector (fixture->window);

  return tessera_inspector_get_claim_section (TESSERA_INSPECTOR (inspector));
}

static TesseraPickTarget
pick_of (Fixture *fixture)
{
  return tessera_claim_section_get_pick (claim_section (fixture));
}

/* Waits for a claim field: its source mention (or, with @cue, its cue) to be @wanted, or any
 * annotation when @wanted is -1. */
typedef struct
{
  Fixture  *fixture;
  gint64    claim_id;
  gboolean  cue;
  gint64    wanted;
} LinkWait;

static gint64
linked (LinkWait *wait)
{
  g_autoptr(TesseraClaim) claim = gui_dup_claim (wait->fixture, wait->claim_id);

  return wait->cue ? tessera_claim_get_cue_annotation_id (claim)
                   : tessera_claim_get_source_annotation_id (claim);
}

static gboolean
is_linked (gpointer data)
{
  LinkWait *wait = data;
  gint64 id = linked (wait);

  return wait->wanted < 0 ? id != 0 : id == wait->wanted;
}

static gint64
await_link (Fixture  *fixture,
            gint64    claim_id,
            gboolean  cue,
            gint64    wanted)
{
  LinkWait wait = { fixture, claim_id, cue, wanted };

  gui_await (is_linked, &wait, cue ? "the claim's cue" : "the claim's source");
  return linked (&wait);
}

typedef struct
{
  Fixture           *fixture;
  TesseraPickTarget  pick;
} PickWait;

static gboolean
is_picking (gpointer data)
{
  PickWait *wait = data;

  return pick_of (wait->fixture) == wait->pick;
}

static void
await_pick (Fixture           *fixture,
            TesseraPickTarget  pick)
{
  PickWait wait = { fixture, pick };

  gui_await (is_picking, &wait, "the step of the attribution");
}

static gboolean
has_claim_selected (gpointer data)
{
  Fixture *fixture = data;
  gint64 id = tessera_text_view_get_selected (gui_text_view (fixture));
  g_autoptr(TesseraClaim) claim = NULL;

  if (id != 0)
    claim = tessera_store_dup_claim (gui_store (fixture), id, NULL);
  return claim != NULL;
}

/* @needle selected in the article, then the keys typed there ("q q shift+q"). */
static void
type_on (Fixture    *fixture,
         const char *needle,
         const char *keys)
{
  TesseraTextView *view = gui_text_view (fixture);

  if (needle != NULL)
    {
      TesseraRange range = gui_find_range (fixture, needle, 1);

      tessera_text_view_select_text (view, range.start, range.end);
    }
  gtk_widget_grab_focus (GTK_WIDGET (view));
  {
    g_autofree char *command = g_strconcat ("key ", keys, NULL);
    g_auto(GStrv) args = g_strsplit (command, " ", -1);

    gui_xdotoolv (GTK_WINDOW (fixture->window), (const char * const *) args);
  }
}

/* Marks the claim with its key: the window then asks for its source. */
static gint64
mark_claim (Fixture *fixture)
{
  type_on (fixture, CLAIM_TEXT, "8");
  gui_await (has_claim_selected, fixture, "the claim marked and selected");
  await_pick (fixture, TESSERA_PICK_SOURCE);
  return tessera_text_view_get_selected (gui_text_view (fixture));
}

/* A click on the middle of the character at @offset of the article. */
static void
click_at (Fixture *fixture,
          guint    offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (gui_text_view (fixture));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  GdkRectangle box;
  GtkTextIter iter;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &box);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, box.x + box.width / 2,
                                         box.y + box.height / 2, &wx, &wy);
  gui_widget_to_window (GTK_WIDGET (view), wx, wy, &x, &y);
  gui_xdotool (GTK_WINDOW (fixture->window), "mousemove", "--window", xid, x, y, "click", "1",
               NULL);
}

static void
assert_annotation (Fixture    *fixture,
                   gint64      id,
                   const char *type_key,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotation) annotation = tessera_store_dup_annotation (gui_store (fixture), id,
                                                                          &error);
  TesseraRange range = gui_find_range (fixture, needle, 1);

  g_assert_no_error (error);
  g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==,
                   gui_type_id (fixture, type_key));
  g_assert_cmpuint (tessera_annotation_get_start (annotation), ==, range.start);
  g_assert_cmpuint (tessera_annotation_get_end (annotation), ==, range.end);
}

static char *
dup_text_selection (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gui_text_view (fixture)));
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;
  return gtk_text_iter_get_text (&start, &end);
}

static gboolean
bar_revealed (Fixture *fixture)
{
  GtkWidget *bar = gtk_widget_get_first_child (gui_find_widget (GTK_WIDGET (fixture->window),
                                                                TESSERA_TYPE_ATTRIBUTION_BAR,
                                                                NULL));
  return gtk_widget_get_visible (bar) && gtk_revealer_get_reveal_child (GTK_REVEALER (bar));
}

/* Tests ------------------------------------------------------------------------------ */

/* The claim, its speaker and its cue from unmarked text in three actions: 8, Enter, Enter. */
static void
test_three_actions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TesseraClaim) claim = NULL;
  g_autofree char *proposed = NULL;
  gint64 claim_id, source, cue;

  claim_id = mark_claim (fixture);
  g_assert_true (bar_revealed (fixture));

  /* The speaker's words and Enter: a person, the claim's source, in one change. */
  type_on (fixture, "Oumar Diarra", "Return");
  source = await_link (fixture, claim_id, FALSE, -1);
  assert_annotation (fixture, source, "person", "Oumar Diarra");
  await_pick (fixture, TESSERA_PICK_CUE);
  g_assert_true (bar_revealed (fixture));
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, claim_id);

  /* «Selon», before the claim, is proposed: Enter accepts it. */
  proposed = dup_text_selection (fixture);
  g_assert_cmpstr (proposed, ==, "Selon");
  type_on (fixture, NULL, "Return");
  cue = await_link (fixture, claim_id, TRUE, -1);
  assert_annotation (fixture, cue, "cue", "Selon");
  await_pick (fixture, TESSERA_PICK_NONE);
  g_assert_false (bar_revealed (fixture));

  claim = gui_dup_claim (fixture, claim_id);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, source);
  g_assert_cmpint (tessera_claim_get_cue_annotation_id (claim), ==, cue);
  g_clear_object (&claim);

  /* One undo takes back the last step only: the cue and its link. */
  type_on (fixture, NULL, "ctrl+z");
  await_link (fixture, claim_id, TRUE, 0);
  g_assert_null (tessera_store_dup_annotation (gui_store (fixture), cue, NULL));
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, source);
  assert_annotation (fixture, source, "person", "Oumar Diarra");
}

/* Escape skips each step; the keys of a selected claim ask again, through a click on a
 * mention, a type's key on unmarked words, and a click on a cue. */
static void
test_skip_and_pick_again (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 marked_cue = gui_add_annotation (fixture, "Selon", "cue");
  gint64 mention = gui_add_annotation (fixture, "Oumar Diarra", "person");
  gint64 claim_id = mark_claim (fixture);
  g_autoptr(TesseraClaim) claim = NULL;
  gint64 source;

  type_on (fixture, NULL, "Escape");
  await_pick (fixture, TESSERA_PICK_CUE);
  type_on (fixture, NULL, "Escape");
  await_pick (fixture, TESSERA_PICK_NONE);
  g_assert_false (bar_revealed (fixture));
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_false (tessera_claim_is_complete (claim));
  g_clear_object (&claim);

  /* s, then a click on a mention. */
  type_on (fixture, NULL, "s");
  await_pick (fixture, TESSERA_PICK_SOURCE);
  click_at (fixture, gui_find_range (fixture, "Oumar Diarra", 1).start + 2);
  await_link (fixture, claim_id, FALSE, mention);
  await_pick (fixture, TESSERA_PICK_CUE);
  type_on (fixture, NULL, "Escape");
  await_pick (fixture, TESSERA_PICK_NONE);

  /* s again, and unmarked words marked with a type's key: an organisation, the source. */
  type_on (fixture, NULL, "s");
  await_pick (fixture, TESSERA_PICK_SOURCE);
  type_on (fixture, "forces armées maliennes", "2");
  /* The keys are handled when xdotool returns. */
  source = await_link (fixture, claim_id, FALSE, -1);
  g_assert_cmpint (source, !=, mention);
  assert_annotation (fixture, source, "organisation", "forces armées maliennes");
  await_pick (fixture, TESSERA_PICK_CUE);

  /* The cue marked already, clicked. */
  click_at (fixture, gui_find_range (fixture, "Selon", 1).start + 2);
  await_link (fixture, claim_id, TRUE, marked_cue);
  await_pick (fixture, TESSERA_PICK_NONE);
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_true (tessera_claim_is_complete (claim));
}

/* q and f step through the vocabularies, Shift backwards; each step one undo. */
static void
test_cycle_keys (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const *quote_types = tessera_vocabulary_get_codes (TESSERA_VOCABULARY_QUOTE_TYPE);
  const char * const *factualities = tessera_vocabulary_get_codes (TESSERA_VOCABULARY_FACTUALITY);
  guint n_factualities = tessera_vocabulary_get_n_terms (TESSERA_VOCABULARY_FACTUALITY);
  gint64 claim_id = mark_claim (fixture);
  g_autoptr(TesseraClaim) claim = NULL;

  type_on (fixture, NULL, "Escape Escape");
  await_pick (fixture, TESSERA_PICK_NONE);

  type_on (fixture, NULL, "q q shift+q");
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_cmpstr (tessera_claim_get_quote_type (claim), ==, quote_types[0]);
  g_clear_object (&claim);

  type_on (fixture, NULL, "shift+f");
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_cmpstr (tessera_claim_get_factuality (claim), ==, factualities[n_factualities - 1]);
  g_clear_object (&claim);
  type_on (fixture, NULL, "f f");
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_cmpstr (tessera_claim_get_factuality (claim), ==, factualities[1]);
  g_clear_object (&claim);

  type_on (fixture, NULL, "ctrl+z");
  claim = gui_dup_claim (fixture, claim_id);
  g_assert_cmpstr (tessera_claim_get_factuality (claim), ==, factualities[0]);
  g_assert_cmpstr (tessera_claim_get_quote_type (claim), ==, quote_types[0]);
}

/* The actions other parts of the window call (a menu on an annotation): a mention made the
 * selected claim's source, a cue its cue; anything else refused, nothing left awaited. */
static void
test_set_by_action (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 mention = gui_add_annotation (fixture, "Oumar Diarra", "person");
  gint64 cue = gui_add_annotation (fixture, "Selon", "cue");
  gint64 claim_id = mark_claim (fixture);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  type_on (fixture, NULL, "Escape Escape");
  await_pick (fixture, TESSERA_PICK_NONE);

  gtk_widget_activate_action (window, "win.set-claim-cue", "x", mention);
  g_assert_cmpint (await_link (fixture, claim_id, TRUE, 0), ==, 0);
  g_assert_cmpint (pick_of (fixture), ==, TESSERA_PICK_NONE);

  gtk_widget_activate_action (window, "win.set-claim-source", "x", mention);
  await_link (fixture, claim_id, FALSE, mention);
  gtk_widget_activate_action (window, "win.set-claim-cue", "x", cue);
  await_link (fixture, claim_id, TRUE, cue);
  g_assert_cmpint (pick_of (fixture), ==, TESSERA_PICK_NONE);
}

/* The selected claim drawn joined to its source, on the visible lines; not once it is not
 * selected. */
static void
test_connectors (Fixture       *fixture,
                 gconstpointer  data)
{
  /* The connectors' orange in the light style, over the white page. */
  const GdkRGBA orange = { 0.79, 0.31, 0.05, 1.0 };
  GtkWidget *view = GTK_WIDGET (gui_text_view (fixture));
  gint64 claim_id = mark_claim (fixture);

  g_assert_cmpuint (gui_count_pixels (view, &orange, 0.12), ==, 0);
  type_on (fixture, "Oumar Diarra", "Return");
  await_link (fixture, claim_id, FALSE, -1);
  type_on (fixture, NULL, "Escape");
  await_pick (fixture, TESSERA_PICK_NONE);
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, claim_id);
  g_assert_cmpuint (gui_count_pixels (view, &orange, 0.12), >, 20);

  type_on (fixture, NULL, "Escape");
  g_assert_cmpint (tessera_text_view_get_selected (gui_text_view (fixture)), ==, 0);
  g_assert_cmpuint (gui_count_pixels (view, &orange, 0.12), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/claims/" path, Fixture, NULL, gui_fixture_set_up, func, gui_fixture_tear_down)

  ADD ("three-actions", test_three_actions);
  ADD ("skip-and-pick-again", test_skip_and_pick_again);
  ADD ("cycle-keys", test_cycle_keys);
  ADD ("set-by-action", test_set_by_action);
  ADD ("connectors", test_connectors);

  return g_test_run ();
}
