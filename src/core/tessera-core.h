/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Tessera's core, the one header programs include: the model, the SQLite store, importers
 * and exporters. GLib, SQLite and libxml2 only; never GTK (src/core/meson.build checks it).
 * The *-private.h headers of each folder are for the core and its tests only. */

/* util/ */
#include "tessera-locale.h"
#include "tessera-range.h"
#include "tessera-text.h"
#include "tessera-tokenizer.h"

/* model/ */
#include "tessera-types.h"
#include "tessera-annotation.h"
#include "tessera-annotation-type.h"
#include "tessera-claim.h"
#include "tessera-cue-finder.h"
#include "tessera-document.h"
#include "tessera-entity.h"
#include "tessera-record.h"
#include "tessera-relation-type.h"
#include "tessera-vocabulary.h"

/* store/ */
#include "tessera-annotation-list.h"
#include "tessera-claim-rows.h"
#include "tessera-store.h"

/* formats/ */
#include "tessera-format-error.h"
#include "tessera-formats.h"
#include "tessera-format-compare.h"
#include "tessera-exporter.h"
#include "tessera-import.h"
#include "tessera-importer.h"
#include "tessera-brat-exporter.h"
#include "tessera-brat-importer.h"
#include "tessera-text-exporter.h"
#include "tessera-text-importer.h"
#include "tessera-tei-exporter.h"
#include "tessera-tei-importer.h"
#include "tessera-tei-error.h"
#include "tessera-tei-export.h"
#include "tessera-tei-import.h"
#include "tessera-tei-validator.h"
#include "tessera-csv-exporter.h"
#include "tessera-webannotation-exporter.h"

#include "tessera-default-project.h"
