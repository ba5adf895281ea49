/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-core.h"

G_BEGIN_DECLS

/*
 * A format that only tests register (tessera_formats_register_importer()): "cards", a
 * file that starts with the line "CARDS", then one card a line, "title|text|name". Each
 * card is a document; a name found in its text is a mention of the entity of that name, of
 * the type "card-name" the format brings. A line that is not a card is a warning. It only
 * reads: the framework writes what it read.
 */
#define DUMMY_TYPE_IMPORTER (dummy_importer_get_type ())
G_DECLARE_FINAL_TYPE (DummyImporter, dummy_importer, DUMMY, IMPORTER, TesseraImporter)

G_END_DECLS
