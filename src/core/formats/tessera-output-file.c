/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-output-file-private.h"
#include "tessera-project-files-private.h"
#include "tessera-store.h"

/*
 * The file an export writes, whatever the format: the one place that decides where an
 * export may write and how the file replaces its destination.
 *
 * - A project, the -wal, -shm or -journal of one, and above all the project being
 *   exported, is never a destination: refused before anything is written.
 * - The file is written as NAME.tessera-XXXXXX beside NAME and renamed over it once
 *   complete, with the mode and group the file it replaces had (0644 for a new file).
 * - The temporary file is locked (flock(), which belongs to the open file, not the
 *   process) for as long as it is being written. One left by an export that was killed
 *   is unlocked, and is removed by the next export to that folder. It is recognised by
 *   its name, owner, mode and lock alone, whatever the format wrote into it.
 */

#define DEFAULT_MODE 0644
#define TEMPORARY_MARKER ".tessera-"
#define TEMPORARY_SUFFIX_LENGTH 6   /* g_mkstemp()'s XXXXXX */

struct _TesseraOutputFile
{
  char     *path;
  char     *display_name;
  char     *temporary;
  int       fd;          /* for the writer, until stolen */
  int       lock_fd;     /* the same open file: holds the flock() until the end */
  gboolean  replaces;    /* a file was there: keep its mode and group */
  guint     mode;
  gid_t     gid;
  gboolean  committed;
};

/**
 * _tessera_output_file_check_destination:
 * @path: where an export is about to write
 *
 * Refuses a destination that is a Tessera project (the open one or any other), or the
 * -wal, -shm or -journal of one. Every export checks every destination with it before it
 * writes anything.
 *
 * Returns: %FALSE with @error set when @path must not be written
 */
gboolean
_tessera_output_file_check_destination (const char  *path,
                                        GError     **error)
{
  g_autofree char *reason = _tessera_project_files_describe (path);

  if (reason != NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IS_PROJECT,
                   _("Cannot export to %s: %s. Nothing was written; choose another file"),
                   name, reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_temporary_suffix (const char *suffix)
{
  if (strlen (suffix) != TEMPORARY_SUFFIX_LENGTH)
    return FALSE;
  for (const char *p = suffix; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }
  return TRUE;
}

/* A temporary file nobody writes any more: ours (owner, the mode g_mkstemp() gives, not a
 * project this process has open) and no live export holds its lock. */
static gboolean
is_stale (const char *path)
{
  GStatBuf st;
  int fd;
  gboolean stale;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid () ||
      (st.st_mode & 07777) != 0600 || _tessera_project_files_is_project (path))
    return FALSE;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  stale = flock (fd, LOCK_EX | LOCK_NB) == 0;
  g_close (fd, NULL);
  return stale;
}

/* Removes the stale NAME.tessera-XXXXXX of @folder whose NAME matches @pattern, or is
 * @exact. */
static void
clean_stale (const char   *folder,
             GPatternSpec *pattern,
             const char   *exact)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gsize length = strlen (name);
      gsize marker = strlen (TEMPORARY_MARKER);
      g_autofree char *destination = NULL;
      g_autofree char *path = NULL;

      if (length < TEMPORARY_SUFFIX_LENGTH + marker + 1 ||
          strncmp (name + length - TEMPORARY_SUFFIX_LENGTH - marker, TEMPORARY_MARKER,
                   marker) != 0 ||
          !is_temporary_suffix (name + length - TEMPORARY_SUFFIX_LENGTH))
        continue;
      destination = g_strndup (name, length - TEMPORARY_SUFFIX_LENGTH - marker);
      if (pattern != NULL ? !g_pattern_spec_match_string (pattern, destination)
                          : g_strcmp0 (destination, exact) != 0)
        continue;

      path = g_build_filename (folder, name, NULL);
      if (is_stale (path))
        {
          g_debug ("Removing %s, left by an export that did not finish", path);
          g_unlink (path);
        }
    }
}

/**
 * _tessera_output_file_clean_stale:
 * @folder: where an export is about to write
 * @name_pattern: the names the export writes there (a #GPatternSpec: "document-*.xml")
 *
 * Removes the temporary files (NAME.tessera-XXXXXX) that exports killed while writing to @folder
 * left behind. Files being written by a running export are left alone.
 */
void
_tessera_output_file_clean_stale (const char *folder,
                                  const char *name_pattern)
{
  g_autoptr(GPatternSpec) pattern = g_pattern_spec_new (name_pattern);

  clean_stale (folder, pattern, NULL);
}

/**
 * _tessera_output_file_new:
 * @path: the destination
 *
 * Checks the destination, removes what killed exports left of it, and creates the
 * temporary file beside it.
 *
 * Returns: (transfer full): the file, or %NULL with @error set (nothing was written)
 */
TesseraOutputFile *
_tessera_output_file_new (const char  *path,
                          GError     **error)
{
  g_autoptr(TesseraOutputFile) self = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  if (!_tessera_output_file_check_destination (path, error))
    return NULL;

  self = g_new0 (TesseraOutputFile, 1);
  self->fd = -1;
  self->lock_fd = -1;
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->mode = DEFAULT_MODE;

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  clean_stale (folder, NULL, base);

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    {
      self->replaces = TRUE;
      self->mode = st.st_mode & 0777;
      self->gid = st.st_gid;
    }

  self->temporary = g_strconcat (path, TEMPORARY_MARKER "XXXXXX", NULL);
  self->fd = g_mkstemp (self->temporary);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), self->display_name, g_strerror (saved_errno));
      g_clear_pointer (&self->temporary, g_free);
      return NULL;
    }
  self->lock_fd = dup (self->fd);
  if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), self->display_name, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* The file being written, for reading it back. */
const char *
_tessera_output_file_get_temporary (TesseraOutputFile *self)
{
  return self->temporary;
}

/* The descriptor to write to; the caller closes it. */
int
_tessera_output_file_steal_fd (TesseraOutputFile *self)
{
  int fd = self->fd;

  self->fd = -1;
  return fd;
}

/**
 * _tessera_output_file_commit:
 *
 * Gives the written file the mode and group of the file it replaces, and renames it over
 * its destination. A group the user cannot give (not one of theirs) gets no access, rather
 * than the user's own group getting it.
 *
 * Returns: %FALSE with @error set if the file could not take its place
 */
gboolean
_tessera_output_file_commit (TesseraOutputFile  *self,
                             GError            **error)
{
  guint mode = self->mode;

  if (self->replaces)
    {
      GStatBuf st;

      if (fstat (self->lock_fd, &st) == 0 && st.st_gid != self->gid &&
          fchown (self->lock_fd, (uid_t) -1, self->gid) != 0)
        mode &= ~(guint) 0070;
    }

  if (fchmod (self->lock_fd, mode) != 0 || g_rename (self->temporary, self->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), self->display_name, g_strerror (saved_errno));
      return FALSE;
    }
  self->committed = TRUE;
  return TRUE;
}

/* Closes the file; one that was not committed is removed. */
void
_tessera_output_file_free (TesseraOutputFile *self)
{
  if (self == NULL)
    return;
  if (self->temporary != NULL && !self->committed)
    g_unlink (self->temporary);
  if (self->fd >= 0)
    g_close (self->fd, NULL);
  if (self->lock_fd >= 0)
    g_close (self->lock_fd, NULL);
  g_free (self->temporary);
  g_free (self->display_name);
  g_free (self->path);
  g_free (self);
}
