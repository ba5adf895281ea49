/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-application.h"
#include "tessera-preferences-window.h"
#include "tessera-window.h"

struct _TesseraApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraApplication, tessera_application, ADW_TYPE_APPLICATION)

/* Opens the last project used, or the default project with the sample articles. */
static void
open_start_project (TesseraWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-project");
  g_autoptr(GError) error = NULL;

  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      if (tessera_window_open_project (window, last, &error))
        return;
      tessera_window_show_error (window, error->message);
      g_clear_error (&error);
    }

  if (!tessera_window_open_default_project (window, &error))
    tessera_window_show_error (window, error->message);
}

static TesseraWindow *
ensure_window (TesseraApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (tessera_window_new (GTK_APPLICATION (self)));
      open_start_project (TESSERA_WINDOW (window));
    }
  return TESSERA_WINDOW (window);
}

static void
tessera_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (ensure_window (TESSERA_APPLICATION (application))));
}

/* By its name, or by its header when it was renamed. Not by a sniffed content type: that
 * opens the file, and closing it would drop the locks of the open project's connection
 * when the file is that project under another name. */
static gboolean
is_project (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);

  if (name != NULL && g_str_has_suffix (name, ".tessera"))
    return TRUE;
  return path != NULL && tessera_store_file_is_project (path);
}

/*
 * `tessera FILE…`, a double-click in the file manager, or a second launch passing files to
 * the running instance: a project file opens that project; articles are imported into the
 * project that is then open, and the first of them is shown.
 */
static void
tessera_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  TesseraApplication *self = TESSERA_APPLICATION (application);
  GtkWindow *existing = gtk_application_get_active_window (GTK_APPLICATION (self));
  TesseraWindow *window;
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GPtrArray) other_projects = g_ptr_array_new ();
  const char *project = NULL;
  g_autofree char *project_path = NULL;

  for (int i = 0; i < n_files; i++)
    {
      if (!is_project (files[i]))
        g_ptr_array_add (articles, files[i]);
      else if (project == NULL && (project_path = g_file_get_path (files[i])) != NULL)
        project = project_path;
      else
        g_ptr_array_add (other_projects, files[i]);
    }

  if (existing == NULL && project != NULL)
    {
      g_autoptr(GError) error = NULL;

      window = tessera_window_new (GTK_APPLICATION (self));
      if (!tessera_window_open_project (window, project, &error))
        {
          tessera_window_show_error (window, error->message);
          open_start_project (window);
        }
    }
  else
    {
      window = ensure_window (self);
      if (project != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!tessera_window_open_project (window, project, &error))
            tessera_window_show_error (window, error->message);
        }
    }

  /* One window, one project: say which ones were left closed rather than import them. */
  for (guint i = 0; i < other_projects->len; i++)
    {
      g_autofree char *name = g_file_get_parse_name (g_ptr_array_index (other_projects, i));
      g_autofree char *message =
        g_strdup_printf (_("“%s” was not opened: Tessera shows one project at a time"), name);

      tessera_window_show_error (window, message);
    }

  if (articles->len > 0)
    tessera_window_open_articles (window, (GFile **) articles->pdata, articles->len);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  const char *developers[] = { _("Tessera contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "application-name", _("Tessera"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("Tessera contributors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "copyright", _("© 2026 Tessera contributors"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Annotate entities and attributed claims in news "
                                      "articles, and export them as TEI"),
                        /* Translators: your names, one per line, as "Name <email>" or
                         * "Name https://website"; they appear in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  /* The sample articles are not ours: say whose they are, and that the GPL does not
   * cover them. */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Sample Articles"),
                                      NULL, GTK_LICENSE_CUSTOM,
                                      _("The five sample articles are French press reports on "
                                        "the Alliance des États du Sahel, included for you to "
                                        "try Tessera on. They remain the work of "
                                        "their authors and publishers, among them Hamissa "
                                        "Konaté and the newsroom of Media Elles, and are not "
                                        "covered by Tessera’s licence."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* The preferences are modal over a project window; from themselves, just raise them. */
  if (TESSERA_IS_WINDOW (window))
    gtk_window_present (GTK_WINDOW (tessera_preferences_window_new (TESSERA_WINDOW (window))));
  else if (window != NULL)
    gtk_window_present (window);
}

/* The style chosen in the preferences, from startup on. */
static void
apply_color_scheme (GSettings *settings)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int scheme = g_settings_get_enum (settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[CLAMP (scheme, 0, (int) G_N_ELEMENTS (schemes) - 1)]);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
};

static void
tessera_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  GSettings *settings;

  G_APPLICATION_CLASS (tessera_application_parent_class)->startup (application);

  settings = g_settings_new (APPLICATION_ID);
  g_signal_connect (settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), NULL);
  apply_color_scheme (settings);
  g_object_set_data_full (G_OBJECT (application), "tessera-settings", settings, g_object_unref);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
}

static void
tessera_application_class_init (TesseraApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = tessera_application_activate;
  application_class->open = tessera_application_open;
  application_class->startup = tessera_application_startup;
}

static void
tessera_application_init (TesseraApplication *self)
{
}

TesseraApplication *
tessera_application_new (void)
{
  return g_object_new (TESSERA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/tessera/Tessera",
                       NULL);
}
