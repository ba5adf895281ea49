/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-json"

#include "config.h"

#include "tessera-json.h"

/**
 * tessera_json_add_string:
 * @value: (nullable): a string, or %NULL for JSON's null
 *
 * Adds a string value, or null for a field that is not set.
 */
void
tessera_json_add_string (JsonBuilder *builder,
                         const char  *value)
{
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

/**
 * tessera_json_to_text:
 * @builder: a builder whose root value is complete
 *
 * Returns: (transfer full): the value as JSON text, indented by two spaces
 */
char *
tessera_json_to_text (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
