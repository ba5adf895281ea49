/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-text-view.h"
#include "tessera-window.h"

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

void             gui_spin                 (guint          ms);
gboolean         gui_wait_until           (gboolean     (*condition) (gpointer),
                                           gpointer       data,
                                           guint          timeout_ms);
void             gui_present              (GtkWindow     *window);
void             gui_xdotool              (GtkWindow     *window,
                                           const char    *first,
                                           ...) G_GNUC_NULL_TERMINATED;

TesseraStore    *gui_store                (GuiFixture    *fixture);
TesseraTextView *gui_text_view            (GuiFixture    *fixture);
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
gboolean         gui_is_tinted_with       (const GdkRGBA *painted,
                                           const GdkRGBA *background,
                                           const GdkRGBA *color);

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

G_END_DECLS
