/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "gui-helpers.h"
#include "tessera-document-row.h"
#include "tessera-wrap-box.h"

void
gui_init (int    *argc,
          char ***argv)
{
  g_autofree char *home = g_dir_make_tmp ("tessera-gui-home-XXXXXX", NULL);

  /* A private data home: the window never touches the user's default project. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
gui_wait_until (gboolean (*condition) (gpointer),
                gpointer   data,
                guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean met;
  guint wake;

  /* What changes outside this main loop (another program, a thread) is looked at again at
   * least every 10 ms; the rest as soon as the main loop dispatches the change. */
  wake = g_timeout_add (10, keep_waking, NULL);
  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return met;
}

void
gui_await_at (const char  *file,
              int          line,
              const char  *function,
              gboolean   (*condition) (gpointer),
              gpointer     data,
              const char  *what)
{
  if (!gui_wait_until (condition, data, GUI_WAIT_TIMEOUT_MS))
    {
      g_autofree char *message = g_strdup_printf ("gave up after %u s waiting for %s",
                                                  GUI_WAIT_TIMEOUT_MS / 1000, what);

      g_assertion_message (G_LOG_DOMAIN, file, line, function, message);
    }
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_drawable (gpointer data)
{
  GtkWidget *widget = data;
  GtkNative *native = gtk_widget_get_native (widget);

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0 && native != NULL &&
         gdk_surface_get_mapped (gtk_native_get_surface (native));
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

void
gui_wait_drawn (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  gui_await (is_drawable, widget, "the widget to be on screen with a size");
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  gui_await (is_true, &painted, "a frame that draws the widget");
  g_signal_handler_disconnect (clock, handler);
}

typedef struct
{
  GtkEditable *editable;
  const char  *text;
} TextWait;

static gboolean
has_text (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->editable), wait->text) == 0;
}

void
gui_wait_text (GtkEditable *editable,
               const char  *text)
{
  TextWait wait = { editable, text };
  g_autofree char *what = g_strdup_printf ("the field to read “%s”", text);

  gui_await (has_text, &wait, what);
}

typedef struct
{
  char       *(*dup) (gpointer);
  gpointer      data;
  const char   *expected;
} StringWait;

static gboolean
reads_expected (gpointer data)
{
  StringWait *wait = data;
  g_autofree char *string = wait->dup (wait->data);

  return g_strcmp0 (string, wait->expected) == 0;
}

void
gui_wait_string (char       *(*dup) (gpointer),
                 gpointer     data,
                 const char  *expected)
{
  StringWait wait = { dup, data, expected };
  g_autofree char *string = NULL;

  gui_wait_until (reads_expected, &wait, GUI_WAIT_TIMEOUT_MS);
  string = dup (data);
  g_assert_cmpstr (string, ==, expected);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
gui_destroy_window (GtkWindow **window)
{
  g_object_add_weak_pointer (G_OBJECT (*window), (gpointer *) window);
  gtk_window_destroy (*window);
  gui_await (is_null, window, "the window to be finalized");
}

typedef struct
{
  TesseraTextView *view;
  gint64           id;
} ShownWait;

static gboolean
is_shown (gpointer data)
{
  ShownWait *wait = data;

  return tessera_annotation_list_lookup (tessera_text_view_get_annotations (wait->view),
                                         wait->id) != NULL;
}

void
gui_wait_shown (TesseraTextView *view,
                gint64           annotation_id)
{
  ShownWait wait = { view, annotation_id };
  g_autofree char *what = g_strdup_printf ("the article to show annotation %" G_GINT64_FORMAT,
                                           annotation_id);

  gui_await (is_shown, &wait, what);
}

void
gui_present (GtkWindow *window)
{
  gtk_window_present (window);
  gui_wait_drawn (GTK_WIDGET (window));
}

/* A project in a new temporary folder (@out_dir), holding the five sample articles. */
char *
gui_make_seeded_project (char **out_dir)
{
  *out_dir = test_make_tmp_dir ("tessera-gui-XXXXXX");
  return test_make_seeded_project (*out_dir, "gui.tessera");
}

void
gui_fixture_set_up (GuiFixture    *fixture,
                    gconstpointer  data)
{
  fixture->path = gui_make_seeded_project (&fixture->dir);
  gui_open_window (fixture);
}

void
gui_open_window (GuiFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->window = tessera_window_new (NULL);
  g_assert_true (tessera_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gui_present (GTK_WINDOW (fixture->window));
}

void
gui_close_window (GuiFixture *fixture)
{
  if (fixture->window != NULL)
    gui_destroy_window ((GtkWindow **) &fixture->window);
}

void
gui_fixture_tear_down (GuiFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *keys[] = { "annotator-name", "font", "text-scale", "color-scheme", "snap-to-words",
                         "show-type-labels", "hidden-types" };

  /* Closing the window closes its dialogs (destroy-with-parent). */
  gui_close_window (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The key sent after the input of gui_xdotool: bound to nothing, and in the keymap of a
 * plain X server (Xvfb), so xdotool need not remap a key for it. */
#define MARKER_KEY "XF86Launch7"
#define MARKER_KEYVAL GDK_KEY_Launch7

typedef struct
{
  GtkWidget *window;
  gboolean   marker_seen;
} InputWait;

static gboolean
on_window_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 InputWait                *wait)
{
  if (gdk_event_get_event_type (event) == GDK_KEY_RELEASE &&
      gdk_key_event_get_keyval (event) == MARKER_KEYVAL)
    wait->marker_seen = TRUE;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
input_handled (gpointer data)
{
  InputWait *wait = data;

  /* Events reach a window in the order they were sent: once the marker is in, so is the
   * input before it. Input that closed the window was handled too. */
  return wait->marker_seen || !gtk_widget_get_mapped (wait->window);
}

static void
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* "xdotool windowfocus --sync WINDOW" followed by @args, for run_xdotool(). */
static GPtrArray *
focused_command (GtkWindow         *window,
                 const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("windowfocus"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface)));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  return argv;
}

void
gui_xdotoolv (GtkWindow         *window,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = focused_command (window, args);
  g_autoptr(GtkWindow) held = g_object_ref (window);
  GtkEventController *controller = gtk_event_controller_legacy_new ();
  InputWait wait = { GTK_WIDGET (window), FALSE };
  /* A command of its own: `type` would type the words after it. */
  const char * const marker[] = { "xdotool", "key", MARKER_KEY, NULL };

  /* In the capture phase, the window sees every key before the widget it is for. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_window_event), &wait);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  run_xdotool ((const char * const *) argv->pdata);
  run_xdotool (marker);
  gui_await (input_handled, &wait, "the window to handle the input sent with xdotool");
  if (gtk_event_controller_get_widget (controller) == GTK_WIDGET (window))
    gtk_widget_remove_controller (GTK_WIDGET (window), controller);
}

/* Input through the real X server, to the window given. */
void
gui_xdotool (GtkWindow  *window,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list list;

  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  gui_xdotoolv (window, (const char * const *) args->pdata);
}

/* A handler of TesseraTextView::selection-changed: each annotation selected, in order. */
void
gui_record_selection (TesseraTextView *view,
                      GArray          *selections)
{
  gint64 id = tessera_text_view_get_selected (view);

  if (id != 0)
    g_array_append_val (selections, id);
}

static gboolean
is_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (data));
}

void
gui_expand_row (AdwExpanderRow *row)
{
  GtkWidget *revealer = gui_find_widget (GTK_WIDGET (row), GTK_TYPE_REVEALER, NULL);

  g_assert_nonnull (revealer);
  adw_expander_row_set_expanded (row, TRUE);
  gui_await (is_revealed, revealer, "the row to be open");
}

static gboolean
has_toplevel (gpointer data)
{
  return gui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
has_no_toplevel (gpointer data)
{
  return gui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

GtkWindow *
gui_wait_toplevel (GType type)
{
  g_autofree char *what = g_strdup_printf ("a window of type %s to open", g_type_name (type));
  GtkWindow *window;

  gui_await (has_toplevel, GSIZE_TO_POINTER (type), what);
  window = gui_find_toplevel (type);
  gui_wait_drawn (GTK_WIDGET (window));
  return window;
}

void
gui_wait_no_toplevel (GType type)
{
  g_autofree char *what = g_strdup_printf ("the windows of type %s to close", g_type_name (type));

  gui_await (has_no_toplevel, GSIZE_TO_POINTER (type), what);
}

TesseraStore *
gui_store (GuiFixture *fixture)
{
  return tessera_window_get_store (fixture->window);
}

TesseraTextView *
gui_text_view (GuiFixture *fixture)
{
  return TESSERA_TEXT_VIEW (tessera_window_get_text_view (fixture->window));
}

/* The claim @claim_id of the project, failing the test if it is not one. */
TesseraClaim *
gui_dup_claim (GuiFixture *fixture,
               gint64      claim_id)
{
  g_autoptr(GError) error = NULL;
  TesseraClaim *claim = tessera_store_dup_claim (gui_store (fixture), claim_id, &error);

  g_assert_no_error (error);
  return claim;
}

gint64
gui_type_id (GuiFixture *fixture,
             const char *key)
{
  return test_type_id (gui_store (fixture), key);
}

TesseraRange
gui_find_range (GuiFixture *fixture,
                const char *needle,
                guint       occurrence)
{
  TesseraRange range;

  g_assert_true (tessera_text_find (tessera_text_view_get_text (gui_text_view (fixture)), needle,
                                    occurrence, &range));
  return range;
}

/* Through the store, for tests whose subject is elsewhere. */
gint64
gui_add_annotation (GuiFixture *fixture,
                    const char *needle,
                    const char *type_key)
{
  g_autoptr(GError) error = NULL;
  TesseraRange range = gui_find_range (fixture, needle, 1);
  gint64 id;

  id = tessera_store_add_annotation (gui_store (fixture),
                                     tessera_window_get_document_id (fixture->window),
                                     gui_type_id (fixture, type_key), &range, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  gui_wait_shown (gui_text_view (fixture), id);
  return id;
}

typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
} NodeWait;

static gboolean
has_drawn_node (gpointer data)
{
  NodeWait *wait = data;
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  /* The paintable shows the widget as the last frame drew it: a frame drawn now shows the
   * widget as it is. A frame may still draw nothing of it (not laid out yet): then another. */
  gui_wait_drawn (wait->widget);
  paintable = gtk_widget_paintable_new (wait->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (wait->widget),
                          gtk_widget_get_height (wait->widget));
  wait->node = gtk_snapshot_free_to_node (snapshot);
  return wait->node != NULL;
}

/* The view as it is on screen: its render nodes drawn by the window's own renderer. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  NodeWait wait = { widget, NULL };
  GdkTexture *texture;

  gui_await (has_drawn_node, &wait, "a frame that draws the widget's render nodes");
  texture = gsk_renderer_render_texture (renderer, wait.node,
                                         &GRAPHENE_RECT_INIT (0, 0,
                                                              gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  gsk_render_node_unref (wait.node);
  return texture;
}

/* @widget as it is on screen, as B, G, R, A bytes (GDK_MEMORY_DEFAULT), row by row. */
static guchar *
download_widget (GtkWidget *widget,
                 int       *out_width,
                 int       *out_height,
                 gsize     *out_stride)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  guchar *pixels;

  *out_width = gdk_texture_get_width (texture);
  *out_height = gdk_texture_get_height (texture);
  *out_stride = (gsize) *out_width * 4;
  pixels = g_malloc (*out_stride * (gsize) *out_height);
  gdk_texture_download (texture, pixels, *out_stride);
  return pixels;
}

static void
pixel_to_rgba (const guchar *pixel,
               GdkRGBA      *out_rgba)
{
  /* GDK_MEMORY_DEFAULT: B, G, R, A (premultiplied; the view is opaque). */
  out_rgba->red = pixel[2] / 255.0;
  out_rgba->green = pixel[1] / 255.0;
  out_rgba->blue = pixel[0] / 255.0;
  out_rgba->alpha = pixel[3] / 255.0;
}

/* How many pixels of @widget, as it is on screen, are within @tolerance of @color on each
 * channel. */
guint
gui_count_pixels (GtkWidget     *widget,
                  const GdkRGBA *color,
                  double         tolerance)
{
  int width, height;
  gsize stride;
  g_autofree guchar *pixels = download_widget (widget, &width, &height, &stride);
  guint count = 0;

  for (gsize i = 0; i < stride * (gsize) height; i += 4)
    {
      GdkRGBA pixel;

      pixel_to_rgba (pixels + i, &pixel);
      if (fabs (pixel.red - color->red) <= tolerance &&
          fabs (pixel.green - color->green) <= tolerance &&
          fabs (pixel.blue - color->blue) <= tolerance)
        count++;
    }
  return count;
}

/*
 * What the user sees of the character at @offset (on screen): @out_painted, the colour
 * most of its box is painted, which is its background, tinted or not; and
 * @out_background, the view's own background in the margin at the same height. The two
 * columns at the left of the box are left out: the caret, or the outline of an annotation
 * ending just before, may be drawn there.
 */
void
gui_painted_at (GtkTextView *view,
                guint        offset,
                GdkRGBA     *out_background,
                GdkRGBA     *out_painted)
{
  g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (view));
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  GdkRectangle box;
  GtkTextIter iter;
  GHashTableIter counted;
  gpointer key, value;
  guint best = 0, best_count = 0;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &box);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, box.x, box.y, &x, &y);
  g_assert_cmpint (box.width, >, 2);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x + box.width, <=, width);
  g_assert_cmpint (y + box.height, <=, height);

  pixels = g_malloc (stride * (gsize) height);
  gdk_texture_download (texture, pixels, stride);

  for (int row = y; row < y + box.height; row++)
    {
      for (int column = x + 2; column < x + box.width; column++)
        {
          guint32 pixel;
          guint count;

          memcpy (&pixel, pixels + (gsize) row * stride + (gsize) column * 4, sizeof pixel);
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;
          g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
        }
    }
  g_hash_table_iter_init (&counted, counts);
  while (g_hash_table_iter_next (&counted, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) > best_count)
        {
          best = GPOINTER_TO_UINT (key);
          best_count = GPOINTER_TO_UINT (value);
        }
    }
  pixel_to_rgba ((const guchar *) &best, out_painted);

  g_assert_cmpint (gtk_text_view_get_left_margin (view), >, 4);
  pixel_to_rgba (pixels + (gsize) (y + box.height / 2) * stride + 2 * 4, out_background);
}

/* Whether @painted is @background under a translucent tint of @color. */
gboolean
gui_is_tinted_with (const GdkRGBA *painted,
                    const GdkRGBA *background,
                    const GdkRGBA *color)
{
  double d[3] = { painted->red - background->red, painted->green - background->green,
                  painted->blue - background->blue };
  double e[3] = { color->red - background->red, color->green - background->green,
                  color->blue - background->blue };
  double dd = 0, ee = 0, de = 0;

  for (guint i = 0; i < 3; i++)
    {
      dd += d[i] * d[i];
      ee += e[i] * e[i];
      de += d[i] * e[i];
    }
  /* Visibly changed, and towards the colour. */
  return dd > 0.03 * 0.03 && de > 0 && de * de > 0.95 * 0.95 * dd * ee;
}

/* How many pixels of @area (widget coordinates) are painted towards @color from
 * @background, as gui_is_tinted_with() tells: what a thin line drawn there leaves. */
guint
gui_count_tinted (GtkWidget          *widget,
                  const GdkRectangle *area,
                  const GdkRGBA      *background,
                  const GdkRGBA      *color)
{
  int width, height;
  gsize stride;
  g_autofree guchar *pixels = download_widget (widget, &width, &height, &stride);
  guint count = 0;

  for (int y = MAX (area->y, 0); y < MIN (area->y + area->height, height); y++)
    {
      for (int x = MAX (area->x, 0); x < MIN (area->x + area->width, width); x++)
        {
          GdkRGBA painted;

          pixel_to_rgba (pixels + (gsize) y * stride + (gsize) x * 4, &painted);
          count += gui_is_tinted_with (&painted, background, color);
        }
    }
  return count;
}

GtkWidget *
gui_find_descendant (GtkWidget      *root,
                     GuiWidgetMatch  match,
                     gconstpointer   data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_find_descendant (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A widget of a type, with a name (a widget's name, or a row's title). */
typedef struct
{
  GType       type;
  const char *name;
} WidgetQuery;

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  const WidgetQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         (query->name == NULL || g_strcmp0 (gtk_widget_get_name (widget), query->name) == 0);
}

/* The first widget under @root (included) of @type, named @name if given. */
GtkWidget *
gui_find_widget (GtkWidget  *root,
                 GType       type,
                 const char *name)
{
  WidgetQuery query = { type, name };

  return gui_find_descendant (root, is_named, &query);
}

static gboolean
is_titled (GtkWidget     *widget,
           gconstpointer  data)
{
  const WidgetQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    query->name) == 0;
}

/* The preferences row under @root of @type (an AdwPreferencesRow type) titled @title. */
AdwPreferencesRow *
gui_find_row (GtkWidget  *root,
              GType       type,
              const char *title)
{
  WidgetQuery query = { type, title };

  g_assert_true (g_type_is_a (type, ADW_TYPE_PREFERENCES_ROW));
  return ADW_PREFERENCES_ROW (gui_find_descendant (root, is_titled, &query));
}

/* The type names on the palette, in order. */
GPtrArray *
gui_dup_palette_labels (GuiFixture *fixture)
{
  GtkWidget *palette = gui_find_widget (GTK_WIDGET (fixture->window), TESSERA_TYPE_WRAP_BOX, NULL);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (palette);
  for (GtkWidget *child = gtk_widget_get_first_child (palette); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_button_get_child (GTK_BUTTON (child));
      /* The colour dot, then the name, then the key. */
      GtkWidget *name = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

      g_ptr_array_add (labels, g_strdup (gtk_label_get_text (GTK_LABEL (name))));
    }
  return labels;
}

GtkWindow *
gui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Like gui_xdotoolv(), without waiting for the window to handle the input (a key pressed
 * to learn that would hide a tooltip): the caller waits for what the input should do. */
void
gui_xdotool_argv (GtkWindow  *window,
                  char      **commands)
{
  g_autoptr(GPtrArray) argv = focused_command (window, (const char * const *) commands);

  run_xdotool ((const char * const *) argv->pdata);
}

/* The point (@x, @y) of @widget in its X window's coordinates, as xdotool's arguments. */
void
gui_widget_to_window (GtkWidget  *widget,
                      int         x,
                      int         y,
                      char      **out_x,
                      char      **out_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double wx, wy, sx, sy;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, &wx, &wy));
  /* From the window widget to its X window: the margin of client-side decorations. */
  gtk_native_get_surface_transform (native, &sx, &sy);
  *out_x = g_strdup_printf ("%d", (int) (wx + sx));
  *out_y = g_strdup_printf ("%d", (int) (wy + sy));
}

/* The natural width of the keyboard shortcuts window (Ctrl+?) open on @parent. */
int
gui_shortcuts_window_width (GtkWindow *parent)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/tessera/Tessera/gtk/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  GLogLevelFlags fatal;
  int width;

  g_assert_nonnull (shortcuts);

  /* GTK 4.8 lays the window's labels out with a negative width for a moment and warns of it
   * (a fault of GTK's, not ours): a warning is not fatal while it opens. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_window_set_transient_for (shortcuts, parent);
  gui_present (shortcuts);
  /* What it asks for, not what a small screen leaves it. */
  gtk_widget_measure (gtk_window_get_child (shortcuts), GTK_ORIENTATION_HORIZONTAL, -1, NULL,
                      &width, NULL, NULL);
  gtk_window_destroy (shortcuts);
  g_log_set_always_fatal (fatal);
  return width;
}

static char *
dup_subtitle (gpointer data)
{
  return g_strdup (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (data)));
}

/* Waits until the window's subtitle (what an undo or a redo says) is @expected. */
void
gui_assert_subtitle (GuiFixture *fixture,
                     const char *expected)
{
  GtkWidget *title = gui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_WINDOW_TITLE, NULL);

  g_assert_nonnull (title);
  gui_wait_string (dup_subtitle, title, expected);
}

/* Marks @needle as @type_key, changes it to @new_type_key, then undoes the change and the
 * mark and redoes the mark, waiting for what the window's subtitle says of each; @said holds
 * the three expected subtitles. */
void
gui_undo_redo_subtitles (GuiFixture        *fixture,
                         const char        *needle,
                         const char        *type_key,
                         const char        *new_type_key,
                         const char *const  said[3])
{
  g_autoptr(GError) error = NULL;
  gint64 id = gui_add_annotation (fixture, needle, type_key);

  g_assert_true (tessera_store_set_annotation_type (gui_store (fixture), id,
                                                    gui_type_id (fixture, new_type_key),
                                                    &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  gui_assert_subtitle (fixture, said[0]);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  gui_assert_subtitle (fixture, said[1]);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  gui_assert_subtitle (fixture, said[2]);
}

/* The row of the document list under @root showing @title, among the rows the list has
 * built. */
static gboolean
is_document_row (GtkWidget     *widget,
                 gconstpointer  title)
{
  return TESSERA_IS_DOCUMENT_ROW (widget) &&
         g_strcmp0 (tessera_document_row_get_title (TESSERA_DOCUMENT_ROW (widget)), title) == 0;
}

TesseraDocumentRow *
gui_find_document_row (GtkWidget  *root,
                       const char *title)
{
  return (TesseraDocumentRow *) gui_find_descendant (root, is_document_row, title);
}
