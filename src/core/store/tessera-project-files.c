/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-store"
#define _GNU_SOURCE   /* F_OFD_SETLK */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-files-private.h"
#include "tessera-store.h"

/*
 * The project files this process has open through SQLite, and what may be done to a file
 * that may be one.
 *
 * POSIX advisory locks belong to the process, not to the file descriptor: closing *any*
 * descriptor of a file drops every lock the process holds on it, including those of an
 * SQLite connection (SQLite's "How To Corrupt An SQLite Database File", 2.2). Another
 * program then believes the project unused, checkpoints and deletes its -wal and -shm
 * while our connection still writes to them, and every later change is lost. So nothing
 * here opens a file that is registered: tessera_store_open() registers its file before
 * SQLite takes any lock, and any other reading of a file the user names goes through
 * _tessera_project_files_read_header() or refuses projects first.
 *
 * The lock is held while a file is opened and closed here, so that a store opened on
 * another thread cannot take its locks in between.
 *
 * Other code in the process does not ask us: GTK's file chooser, run in the window's
 * process when no portal runs it, opens every file of the folder it shows to sniff its
 * type. So while a project is open here, _tessera_project_files_hold_locks() also holds a
 * read lock of our own on the two bytes that tell other programs the project is in use:
 * the first byte of the database file's SHARED range (no other program can then take the
 * EXCLUSIVE lock with which the last connection checkpoints and deletes the -wal) and the
 * -shm file's dead-man switch (no other program then believes itself the first and
 * resets the -shm). These are open file description locks (F_OFD_SETLK): closing another
 * descriptor does not drop them. They are released just before the last connection of
 * the process closes, so that it can clean up as usual, and their descriptors closed after
 * it: by then the process has no other lock on the files to lose.
 */

/* SQLite's lock bytes (os.h, os_unix.c): the first of the SHARED range of the database
 * file, and the dead-man switch of the -shm file ((22 + SQLITE_SHM_NLOCK) * 4 + 8). */
#define SQLITE_SHARED_FIRST_BYTE (0x40000000 + 2)
#define SQLITE_SHM_DMS_BYTE 128

static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

typedef struct
{
  TesseraFileId  id;
  char          *path;    /* absolute, as it was opened */
  guint          count;   /* connections of this process */
  int            db_fd;   /* the read locks of _tessera_project_files_hold_locks() */
  int            shm_fd;
} OpenProject;

static GMutex lock;
static GPtrArray *open_projects;   /* OpenProject */

static void
open_project_free (OpenProject *project)
{
  /* The last connection is closed: these descriptors hold the only locks left. */
  if (project->db_fd >= 0)
    close (project->db_fd);
  if (project->shm_fd >= 0)
    close (project->shm_fd);
  g_free (project->path);
  g_free (project);
}

static gboolean
file_id_of (const char    *path,
            TesseraFileId *out_id,
            GStatBuf      *out_st)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  out_id->dev = (guint64) st.st_dev;
  out_id->ino = (guint64) st.st_ino;
  if (out_st != NULL)
    *out_st = st;
  return TRUE;
}

/* With the lock held. */
static OpenProject *
lookup_locked (const TesseraFileId *id)
{
  for (guint i = 0; open_projects != NULL && i < open_projects->len; i++)
    {
      OpenProject *project = g_ptr_array_index (open_projects, i);

      if (project->id.dev == id->dev && project->id.ino == id->ino)
        return project;
    }
  return NULL;
}

/*
 * _tessera_project_files_add:
 * @path: a project SQLite has just opened (the file exists), before any statement ran
 * @out_id: where the file's identity goes, for _tessera_project_files_remove()
 */
void
_tessera_project_files_add (const char    *path,
                            TesseraFileId *out_id)
{
  TesseraFileId id = { 0, 0 };
  OpenProject *project;

  if (!file_id_of (path, &id, NULL))
    {
      *out_id = id;
      return;
    }

  g_mutex_lock (&lock);
  if (open_projects == NULL)
    open_projects = g_ptr_array_new_with_free_func ((GDestroyNotify) open_project_free);
  project = lookup_locked (&id);
  if (project == NULL)
    {
      project = g_new0 (OpenProject, 1);
      project->db_fd = -1;
      project->shm_fd = -1;
      project->id = id;
      project->path = g_canonicalize_filename (path, NULL);
      g_ptr_array_add (open_projects, project);
    }
  project->count++;
  g_mutex_unlock (&lock);
  *out_id = id;
}

/* After the connection that _tessera_project_files_add() announced is closed. */
void
_tessera_project_files_remove (const TesseraFileId *id)
{
  OpenProject *project;

  if (id->dev == 0 && id->ino == 0)
    return;

  g_mutex_lock (&lock);
  project = lookup_locked (id);
  if (project != NULL && --project->count == 0)
    g_ptr_array_remove_fast (open_projects, project);
  g_mutex_unlock (&lock);
}

/* Takes (F_RDLCK) or gives back (F_UNLCK) our lock on one byte of @fd. */
static void
set_byte_lock (int    fd,
               off_t  offset,
               short  type)
{
#ifdef F_OFD_SETLK
  struct flock lock = { 0 };

  if (fd < 0)
    return;
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = offset;
  lock.l_len = 1;
  if (fcntl (fd, F_OFD_SETLK, &lock) != 0)
    g_debug ("Could not %s the lock at byte %" G_GINT64_FORMAT ": %s",
             type == F_UNLCK ? "release" : "take", (gint64) offset, g_strerror (errno));
#endif
}

static int
open_for_lock (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    g_debug ("Could not open %s to lock it: %s", path, g_strerror (errno));
  return fd;
}

/*
 * _tessera_project_files_hold_locks:
 * @id: a project registered by _tessera_project_files_add(), in WAL mode and read once
 *
 * Holds the read locks that tell other programs the project is in use, whatever else in
 * the process closes (see the top of the file). Without them (another system, a file
 * system without such locks) the project is as safe as SQLite alone makes it.
 */
void
_tessera_project_files_hold_locks (const TesseraFileId *id)
{
  OpenProject *project;

  g_mutex_lock (&lock);
  project = lookup_locked (id);
  if (project != NULL)
    {
      g_autofree char *shm = g_strconcat (project->path, "-shm", NULL);

      /* Only SQLite has opened these files so far, and nothing of ours closes them before
       * the last connection is closed. */
      if (project->db_fd < 0)
        project->db_fd = open_for_lock (project->path);
      if (project->shm_fd < 0 && g_file_test (shm, G_FILE_TEST_EXISTS))
        project->shm_fd = open_for_lock (shm);
      set_byte_lock (project->db_fd, SQLITE_SHARED_FIRST_BYTE, F_RDLCK);
      set_byte_lock (project->shm_fd, SQLITE_SHM_DMS_BYTE, F_RDLCK);
    }
  g_mutex_unlock (&lock);
}

/*
 * _tessera_project_files_release_locks:
 *
 * Before a connection closes: when it is the last of the process, our read locks go, so
 * that it may checkpoint and remove the -wal as the last user of a project does.
 */
void
_tessera_project_files_release_locks (const TesseraFileId *id)
{
  OpenProject *project;

  g_mutex_lock (&lock);
  project = lookup_locked (id);
  if (project != NULL && project->count == 1)
    {
      set_byte_lock (project->db_fd, SQLITE_SHARED_FIRST_BYTE, F_UNLCK);
      set_byte_lock (project->shm_fd, SQLITE_SHM_DMS_BYTE, F_UNLCK);
    }
  g_mutex_unlock (&lock);
}

/*
 * _tessera_project_files_read_header:
 * @out_open: set to %TRUE, and nothing read, when this process has the file open as a
 *   project
 * @out_errno: the error of a file that could not be read
 *
 * Reads the first @size bytes of @path, unless this process has it open through SQLite.
 *
 * Returns: %FALSE if the file could not be read (@out_errno says why)
 */
gboolean
_tessera_project_files_read_header (const char *path,
                                    guint8     *header,
                                    gsize       size,
                                    gsize      *out_read,
                                    gboolean   *out_open,
                                    int        *out_errno)
{
  TesseraFileId id;
  FILE *file;

  *out_read = 0;
  *out_open = FALSE;
  *out_errno = 0;

  g_mutex_lock (&lock);
  if (file_id_of (path, &id, NULL) && lookup_locked (&id) != NULL)
    {
      g_mutex_unlock (&lock);
      *out_open = TRUE;
      return TRUE;
    }

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      *out_errno = errno;
      g_mutex_unlock (&lock);
      return FALSE;
    }
  *out_read = fread (header, 1, size, file);
  fclose (file);
  g_mutex_unlock (&lock);
  return TRUE;
}

/* Whether the file at @path is a Tessera project, open here or not. */
static gboolean
is_project (const char *path,
            gboolean   *out_open)
{
  guint8 header[100];
  gsize n_read;
  int saved_errno;
  guint32 application_id;
  GStatBuf st;

  *out_open = FALSE;
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (!_tessera_project_files_read_header (path, header, sizeof header, &n_read, out_open,
                                           &saved_errno))
    return FALSE;
  if (*out_open)
    return TRUE;
  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;

  application_id = _tessera_read_be32 (header + 68);
  if (application_id == TESSERA_STORE_APPLICATION_ID)
    return TRUE;

  /* A project being created: its header is still in the WAL (as tessera_store_open()). */
  if (application_id == 0 && _tessera_read_be32 (header + 60) == 0)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      return g_file_test (wal, G_FILE_TEST_EXISTS);
    }
  return FALSE;
}

/* Whether @path is a Tessera project, by its header; one open here is not read again. */
gboolean
_tessera_project_files_is_project (const char *path)
{
  gboolean is_open;

  return is_project (path, &is_open);
}

/* The -wal, -shm or -journal of an open project, reached by whatever name. */
static char *
open_project_of_sidecar (const TesseraFileId *id)
{
  char *found = NULL;

  g_mutex_lock (&lock);
  for (guint i = 0; found == NULL && open_projects != NULL && i < open_projects->len; i++)
    {
      OpenProject *project = g_ptr_array_index (open_projects, i);

      for (guint j = 0; j < G_N_ELEMENTS (sidecar_suffixes); j++)
        {
          g_autofree char *sidecar = g_strconcat (project->path, sidecar_suffixes[j], NULL);
          TesseraFileId sidecar_id;

          if (file_id_of (sidecar, &sidecar_id, NULL) &&
              sidecar_id.dev == id->dev && sidecar_id.ino == id->ino)
            {
              found = g_strdup (project->path);
              break;
            }
        }
    }
  g_mutex_unlock (&lock);
  return found;
}

/*
 * _tessera_project_files_describe:
 * @path: a file that is about to be read or replaced
 *
 * Says what @path is when it is a Tessera project, or the -wal, -shm or -journal of one:
 * such a file is never a document to import, nor a place to export to. Projects this
 * process has open are recognised without opening them.
 *
 * Returns: (transfer full) (nullable): a phrase for a message ("it is the project open in
 *   Tessera"), or %NULL for any other file, existing or not
 */
char *
_tessera_project_files_describe (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  TesseraFileId id;
  gboolean is_open = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  if (is_project (path, &is_open))
    return g_strdup (is_open ? _("it is the project open in Tessera")
                          : _("it is a Tessera project"));

  if (file_id_of (path, &id, NULL))
    {
      g_autofree char *project = open_project_of_sidecar (&id);

      if (project != NULL)
        {
          g_autofree char *name = g_filename_display_basename (project);

          return g_strdup_printf (_("it is part of the project “%s”, open in Tessera"), name);
        }
    }

  /* By name too: a -journal exists only during a change, but is the project's all the same. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      if (g_str_has_suffix (base, sidecar_suffixes[i]) &&
          strlen (base) > strlen (sidecar_suffixes[i]))
        {
          g_autofree char *project = g_strndup (path, strlen (path) - strlen (sidecar_suffixes[i]));

          if (is_project (project, &is_open))
            {
              g_autofree char *name = g_filename_display_basename (project);

              return is_open ? g_strdup_printf (_("it is part of the project “%s”, open in Tessera"),
                                             name)
                          : g_strdup_printf (_("it is part of the Tessera project “%s”"), name);
            }
        }
    }
  return NULL;
}

/*
 * _tessera_project_files_check_readable:
 * @path: a file the user named as a document to import, or a schema, before it is opened
 *
 * Returns: %FALSE with @error set when @path is a project or part of one
 */
gboolean
_tessera_project_files_check_readable (const char  *path,
                                       GError     **error)
{
  g_autofree char *reason = _tessera_project_files_describe (path);

  if (reason != NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IS_PROJECT,
                   _("“%s” cannot be read as a document: %s. It was left untouched"),
                   name, reason);
      return FALSE;
    }
  return TRUE;
}
