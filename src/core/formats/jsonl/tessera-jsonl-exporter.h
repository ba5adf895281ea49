/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-exporter.h"

G_BEGIN_DECLS

/**
 * TesseraJsonlForm:
 * @TESSERA_JSONL_FORM_RELATIONS: doccano's relation extraction: "entities" and "relations"
 * @TESSERA_JSONL_FORM_LABELS: doccano's sequence labelling: "label", spans only
 */
typedef enum
{
  TESSERA_JSONL_FORM_RELATIONS,
  TESSERA_JSONL_FORM_LABELS,
} TesseraJsonlForm;

#define TESSERA_TYPE_JSONL_FORM (tessera_jsonl_form_get_type ())
GType tessera_jsonl_form_get_type (void);

#define TESSERA_TYPE_JSONL_EXPORTER (tessera_jsonl_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TesseraJsonlExporter, tessera_jsonl_exporter, TESSERA, JSONL_EXPORTER,
                      TesseraExporter)

G_END_DECLS
