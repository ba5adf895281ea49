/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-locale"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "tessera-locale.h"

/**
 * tessera_locale_init:
 *
 * Sets the locale from the environment and binds Tessera's translations, as each program
 * does first: from `$TESSERA_LOCALEDIR` when set (`meson devenv` points it at the build
 * tree's compiled translations), else from the installed ones.
 */
void
tessera_locale_init (void)
{
  const char *localedir = g_getenv ("TESSERA_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * tessera_locale_pick_label:
 * @labels: (element-type utf8 utf8): language code → label
 * @fallback: the label to use when none of @labels is in the user's languages
 *
 * The one rule by which a label stored in several languages (an annotation type's, a
 * relation type's) is shown: the first of the user's languages (from the locale) that has
 * one, else @fallback.
 *
 * Returns: (transfer none): the label
 */
const char *
tessera_locale_pick_label (GHashTable *labels,
                           const char *fallback)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *label;

      if (g_str_equal (names[i], "C"))
        break;
      if ((label = g_hash_table_lookup (labels, names[i])))
        return label;
    }
  return fallback;
}

/**
 * tessera_labels_new:
 *
 * Returns: (transfer full) (element-type utf8 utf8): an empty table of labels by language
 */
GHashTable *
tessera_labels_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * tessera_labels_lookup:
 * @language: (nullable): a language code such as "fr"
 *
 * Returns: (transfer none): the label in @language, or @fallback
 */
const char *
tessera_labels_lookup (GHashTable *labels,
                       const char *language,
                       const char *fallback)
{
  const char *label = language != NULL ? g_hash_table_lookup (labels, language) : NULL;

  return label != NULL ? label : fallback;
}

/**
 * tessera_labels_set:
 * @label: (nullable): the label in @language; %NULL removes it
 */
void
tessera_labels_set (GHashTable *labels,
                    const char *language,
                    const char *label)
{
  if (label == NULL)
    g_hash_table_remove (labels, language);
  else
    g_hash_table_insert (labels, g_strdup (language), g_strdup (label));
}

/* Adds every label of @labels to @dest. */
void
tessera_labels_copy (GHashTable *dest,
                     GHashTable *labels)
{
  GHashTableIter iter;
  gpointer language, label;

  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &language, &label))
    g_hash_table_insert (dest, g_strdup (language), g_strdup (label));
}
