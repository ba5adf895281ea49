/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-core.h"
#include "tessera-text-view.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_INSPECTOR_SECTION (tessera_inspector_section_get_type ())
G_DECLARE_INTERFACE (TesseraInspectorSection, tessera_inspector_section,
                     TESSERA, INSPECTOR_SECTION, GtkWidget)

struct _TesseraInspectorSectionInterface
{
  GTypeInterface parent_iface;

  void (*set_annotation) (TesseraInspectorSection *self,
                          TesseraStore            *store,
                          TesseraAnnotation       *annotation);
  void (*tagset_changed) (TesseraInspectorSection *self);
};

void             tessera_inspector_section_set_annotation   (TesseraInspectorSection *self,
                                                             TesseraStore            *store,
                                                             TesseraAnnotation       *annotation);
void             tessera_inspector_section_tagset_changed   (TesseraInspectorSection *self);

/* What the sections share: the text view, the error toast, the rows' idioms. */
TesseraTextView *tessera_inspector_section_get_text_view    (TesseraInspectorSection *self);
void             tessera_inspector_section_reload           (TesseraInspectorSection *self);
void             tessera_inspector_section_dispose_template (GtkWidget               *widget,
                                                             GType                    type);
void             tessera_inspector_section_show_error       (TesseraInspectorSection *self,
                                                             const char              *message);
TesseraKind      tessera_inspector_section_get_kind         (TesseraStore            *store,
                                                             TesseraAnnotation       *annotation);
char            *tessera_inspector_section_dup_covered_text (TesseraInspectorSection *self,
                                                             TesseraAnnotation       *annotation,
                                                             const char              *separator);
char            *tessera_inspector_section_shorten          (const char              *text,
                                                             guint                    max_length);
char            *tessera_inspector_section_dup_text         (GtkEditable             *editable);
void             tessera_inspector_section_set_entry_text   (AdwEntryRow             *row,
                                                             const char              *text);
void             tessera_inspector_section_sync_entry       (AdwEntryRow             *row,
                                                             const char              *text,
                                                             gboolean                 fresh);
const char      *tessera_inspector_section_scheme_label     (const char              *scheme);
GtkWidget       *tessera_inspector_section_check_new        (GtkListItem             *item,
                                                             AdwComboRow             *row);
void             tessera_inspector_section_bind_check       (GtkListItem             *item,
                                                             AdwComboRow             *row);
void             tessera_inspector_section_unbind_check     (GtkSignalListItemFactory *factory,
                                                             GtkListItem             *item,
                                                             AdwComboRow             *row);

G_END_DECLS
