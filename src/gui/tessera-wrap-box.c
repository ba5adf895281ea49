/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tessera-wrap-box.h"

/*
 * TesseraWrapBox: children side by side at their natural width, starting a new line when
 * the next one does not fit, as words in a paragraph. GtkFlowBox (GTK 4.8) lines its
 * children up in columns as wide as the widest, so that long labels (French ones) take a
 * line more than they need.
 */

#define SPACING 2

struct _TesseraWrapBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraWrapBox, tessera_wrap_box, GTK_TYPE_WIDGET)

/* Lays the children out in lines @width wide; with @allocate, gives each its place. Returns
 * the height the lines take. */
static int
flow (GtkWidget *widget,
      int        width,
      gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum, natural, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      child_width = width >= 0 ? MAX (minimum, MIN (natural, width)) : natural;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height,
                          NULL, NULL);

      if (x > 0 && width >= 0 && x + child_width > width)
        {
          y += line_height + SPACING;
          x = 0;
          line_height = 0;
        }
      if (allocate)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { x, y, child_width, child_height }, -1);
      x += child_width + SPACING;
      line_height = MAX (line_height, child_height);
    }
  return y + line_height;
}

static void
tessera_wrap_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest child; naturally, all on one line. */
      int widest = 0, all = 0, n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum, child_natural;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum,
                              &child_natural, NULL, NULL);
          widest = MAX (widest, child_minimum);
          all += child_natural;
          n++;
        }
      *minimum = widest;
      *natural = all + MAX (n - 1, 0) * SPACING;
    }
  else
    *minimum = *natural = flow (widget, for_size, FALSE);
}

static GtkSizeRequestMode
tessera_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tessera_wrap_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  flow (widget, width, TRUE);
}

static void
tessera_wrap_box_dispose (GObject *object)
{
  tessera_wrap_box_remove_all (TESSERA_WRAP_BOX (object));
  G_OBJECT_CLASS (tessera_wrap_box_parent_class)->dispose (object);
}

static void
tessera_wrap_box_class_init (TesseraWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_wrap_box_dispose;
  widget_class->measure = tessera_wrap_box_measure;
  widget_class->get_request_mode = tessera_wrap_box_get_request_mode;
  widget_class->size_allocate = tessera_wrap_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "wrapbox");
}

static void
tessera_wrap_box_init (TesseraWrapBox *self)
{
}

GtkWidget *
tessera_wrap_box_new (void)
{
  return g_object_new (TESSERA_TYPE_WRAP_BOX, NULL);
}

void
tessera_wrap_box_append (TesseraWrapBox *self,
                         GtkWidget      *child)
{
  g_return_if_fail (TESSERA_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
tessera_wrap_box_remove_all (TesseraWrapBox *self)
{
  GtkWidget *child;

  g_return_if_fail (TESSERA_IS_WRAP_BOX (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}
