/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-window.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_PREFERENCES_WINDOW (tessera_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TesseraPreferencesWindow, tessera_preferences_window, TESSERA,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *tessera_preferences_window_new           (TesseraWindow            *window);
void       tessera_preferences_window_show_error    (TesseraPreferencesWindow *self,
                                                     const char               *message);
void       tessera_preferences_window_show_undoable (TesseraPreferencesWindow *self,
                                                     const char               *message);

G_END_DECLS
