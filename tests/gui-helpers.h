/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-document-row.h"
#include "tessera-text-view.h"
#include "tessera-window.h"
#include "test-common.h"

G_BEGIN_DECLS

/*
 * The real window on a fresh project holding the five sample articles, and ways to drive
 * it: waiting on the main loop, input through the X server (xdotool), finding widgets.
 */

typedef struct
{
  char          *dir;
  char          *path;
  TesseraWindow *window;
} GuiFixture;

void             gui_init                 (int           *argc,
                                           char        ***argv);
char            *gui_make_seeded_project  (char         **out_dir);
void             gui_fixture_set_up       (GuiFixture    *fixture,
                                           gconstpointer  data);
void             gui_fixture_tear_down    (GuiFixture    *fixture,
                                           gconstpointer  data);
/* Opens fixture->path in a new window, presented; closes it (if open), with its store. */
void             gui_open_window          (GuiFixture    *fixture);
void             gui_close_window         (GuiFixture    *fixture);

/*
 * Waiting. A test never waits for a fixed time: it waits for the condition it needs, for
 * at most GUI_WAIT_TIMEOUT_MS (generous: a loaded machine is slow, never that slow).
 *
 * gui_wait_until: spins the main loop until @condition (@data) holds, looking again at
 *   least every 10 ms; FALSE if it still does not after @timeout_ms.
 * gui_await: the same with GUI_WAIT_TIMEOUT_MS, failing the test with a message that says
 *   what it waited for (@what: "the window to be finalized").
 * gui_wait_drawn: until @widget is on screen with a size, and a frame begun after the call
 *   has drawn it (what a render of the widget then shows is its present state).
 * gui_wait_text: until @editable holds @text (typed text is all in).
 * gui_wait_string: until @dup (@data) returns a string equal to @expected; fails showing
 *   both if it does not.
 * gui_wait_shown: until the article shows the annotation @annotation_id.
 * gui_present: presents @window and waits until a frame has drawn it.
 * gui_destroy_window: destroys *@window and waits until it is finalized, with what it held
 *   (a store, dialogs); sets *@window to NULL.
 * gui_expand_row: opens @row and waits until its content is revealed.
 * gui_wait_toplevel: until a visible window of @type (a dialog) is there, drawn; returns it.
 * gui_wait_no_toplevel: until no visible window of @type is left.
 * gui_xdotool, gui_xdotoolv: input through the real X server to @window (xdotool, after
 *   `windowfocus --sync`), returning once the window has handled all of it: a marker key
 *   follows the input, and events reach a window in order. Input that closes the window
 *   returns once it is closed. What the input then caused (a change in the store, a dialog)
 *   may still take time: wait for it.
 */
#define GUI_WAIT_TIMEOUT_MS 60000

gboolean         gui_wait_until           (gboolean     (*condition) (gpointer),
                                           gpointer       data,
                                           guint          timeout_ms);
void             gui_await_at             (const char    *file,
                                           int            line,
                                           const char    *function,
                                           gboolean     (*condition) (gpointer),
                                           gpointer       data,
                                           const char    *what);
#define gui_await(condition, data, what) \
  gui_await_at (__FILE__, __LINE__, G_STRFUNC, (condition), (data), (what))
void             gui_wait_drawn           (GtkWidget     *widget);
void             gui_wait_text            (GtkEditable   *editable,
                                           const char    *text);
void             gui_wait_string          (char        *(*dup) (gpointer),
                                           gpointer       data,
                                           const char    *expected);
void             gui_wait_shown           (TesseraTextView *view,
                                           gint64         annotation_id);
void             gui_present              (GtkWindow     *window);
void             gui_destroy_window       (GtkWindow    **window);
void             gui_expand_row           (AdwExpanderRow *row);
GtkWindow       *gui_wait_toplevel        (GType          type);
void             gui_wait_no_toplevel     (GType          type);
void             gui_xdotool              (GtkWindow     *window,
                                           const char    *first,
                                           ...) G_GNUC_NULL_TERMINATED;
void             gui_xdotoolv             (GtkWindow     *window,
                                           const char * const *args);
void             gui_record_selection     (TesseraTextView *view,
                                           GArray        *selections);

TesseraStore    *gui_store                (GuiFixture    *fixture);
TesseraTextView *gui_text_view            (GuiFixture    *fixture);
TesseraClaim    *gui_dup_claim            (GuiFixture    *fixture,
                                           gint64         claim_id);
gint64           gui_type_id              (GuiFixture    *fixture,
                                           const char    *key);
TesseraRange     gui_find_range           (GuiFixture    *fixture,
                                           const char    *needle,
                                           guint          occurrence);
gint64           gui_add_annotation       (GuiFixture    *fixture,
                                           const char    *needle,
                                           const char    *type_key);

void             gui_painted_at           (GtkTextView   *view,
                                           guint          offset,
                                           GdkRGBA       *out_background,
                                           GdkRGBA       *out_painted);
guint            gui_count_pixels         (GtkWidget     *widget,
                                           const GdkRGBA *color,
                                           double         tolerance);
gboolean         gui_is_tinted_with       (const GdkRGBA *painted,
                                           const GdkRGBA *background,
                                           const GdkRGBA *color);
guint            gui_count_tinted         (GtkWidget          *widget,
                                           const GdkRectangle *area,
                                           const GdkRGBA      *background,
                                           const GdkRGBA      *color);

/*
 * Finding widgets. gui_find_descendant: the first widget under @root (@root included), depth
 * first, for which @match (widget, @data) holds; %NULL if there is none. The other finders
 * are made of it.
 */
typedef gboolean (*GuiWidgetMatch) (GtkWidget     *widget,
                                    gconstpointer  data);

GtkWidget       *gui_find_descendant      (GtkWidget     *root,
                                           GuiWidgetMatch match,
                                           gconstpointer  data);
GtkWidget       *gui_find_widget          (GtkWidget     *root,
                                           GType          type,
                                           const char    *name);
AdwPreferencesRow *gui_find_row           (GtkWidget     *root,
                                           GType          type,
                                           const char    *title);
GPtrArray       *gui_dup_palette_labels   (GuiFixture    *fixture);
GtkWindow       *gui_find_toplevel        (GType          type);

void             gui_xdotool_argv         (GtkWindow     *window,
                                           char         **commands);
void             gui_widget_to_window     (GtkWidget     *widget,
                                           int            x,
                                           int            y,
                                           char         **out_x,
                                           char         **out_y);
int              gui_shortcuts_window_width (GtkWindow   *parent);
void             gui_assert_subtitle      (GuiFixture    *fixture,
                                           const char    *expected);
void             gui_undo_redo_subtitles  (GuiFixture        *fixture,
                                           const char        *needle,
                                           const char        *type_key,
                                           const char        *new_type_key,
                                           const char *const  said[3]);

TesseraDocumentRow *gui_find_document_row (GtkWidget   *root,
                                           const char  *title);

G_END_DECLS
