/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-attribution-bar.h"

/* Above the article while a claim's source or cue is awaited: what to do, and Skip (Esc).
 * libadwaita 1.2 has no AdwBanner: a revealer and a box styled like one. */

struct _TesseraAttributionBar
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkLabel    *hint_label;
};

G_DEFINE_FINAL_TYPE (TesseraAttributionBar, tessera_attribution_bar, GTK_TYPE_WIDGET)

/**
 * tessera_attribution_bar_set_pick:
 * @pick: what the window waits for; %TESSERA_PICK_NONE hides the bar
 */
void
tessera_attribution_bar_set_pick (TesseraAttributionBar *self,
                                  TesseraPickTarget      pick)
{
  g_return_if_fail (TESSERA_IS_ATTRIBUTION_BAR (self));

  switch (pick)
    {
    case TESSERA_PICK_SOURCE:
      gtk_label_set_label (self->title_label, _("Who says it?"));
      gtk_label_set_label (self->hint_label,
                           _("Select the speaker’s words and press Enter (a person) or a "
                             "type’s key, click a mention, or choose an entity in the "
                             "sidebar."));
      break;
    case TESSERA_PICK_CUE:
      gtk_label_set_label (self->title_label, _("With which words?"));
      gtk_label_set_label (self->hint_label,
                           _("Enter accepts the words selected; or select the cue («selon», "
                             "«a déclaré»…) and press Enter, or click a cue already marked."));
      break;
    case TESSERA_PICK_NONE:
    default:
      break;
    }
  gtk_revealer_set_reveal_child (self->revealer, pick != TESSERA_PICK_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), pick != TESSERA_PICK_NONE);
}

static void
tessera_attribution_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TESSERA_TYPE_ATTRIBUTION_BAR);

  G_OBJECT_CLASS (tessera_attribution_bar_parent_class)->dispose (object);
}

static void
tessera_attribution_bar_class_init (TesseraAttributionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_attribution_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/tessera/Tessera/tessera-attribution-bar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttributionBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttributionBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAttributionBar, hint_label);
}

static void
tessera_attribution_bar_init (TesseraAttributionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
