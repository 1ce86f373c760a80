package io.faultline.agent.archive;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Extracts a {@code .tar.gz}, {@code .tgz}, {@code .tar} or {@code .zip} into a directory, as Jepsen's
 * {@code install-archive!} does: when everything sits in one top-level folder (etcd's {@code etcd-v3.4.30-linux-amd64/}),
 * its contents become the directory. An entry that would land outside the directory — {@code ../}, an absolute path, a
 * link pointing out of it — refuses the whole archive before anything is written.
 */
public final class ArchiveExtraction {

    /** One entry as the extraction needs it, whatever the format. */
    private record Entry(String name, Kind kind, String linkTarget, int mode) {
    }

    private enum Kind { DIRECTORY, FILE, SYMLINK, HARDLINK, OTHER }

    private interface EntryReader {
        /** Calls {@code each} for every entry, with the stream of its contents. */
        void read(EntryVisitor each) throws IOException;
    }

    private interface EntryVisitor {
        void visit(Entry entry, InputStream content) throws IOException;
    }

    private ArchiveExtraction() {
    }

    /**
     * Replaces {@code target} with the archive's contents.
     *
     * @param format one of {@link io.faultline.config.ArchiveConfig#FORMATS}
     * @param shown  how messages name the archive
     */
    public static void extract(Path archive, String format, Path target, String shown) {
        EntryReader reader = reader(archive, format);
        List<Entry> entries = new ArrayList<>();
        try {
            reader.read((entry, content) -> entries.add(entry));
        } catch (IOException | RuntimeException e) {
            throw corrupt(shown, format, e);
        }
        if (entries.isEmpty()) throw new ArchiveException("db.archive: " + shown + " is an empty archive");
        String strip = commonFolder(entries);
        Path root = target.toAbsolutePath().normalize();
        for (Entry entry : entries) check(entry, strip, root, shown);
        try {
            deleteTree(root);
            Files.createDirectories(root);
            List<Entry> directories = new ArrayList<>();
            reader.read((entry, content) -> {
                Path to = inside(root, stripped(entry.name(), strip));
                if (to == null) return;
                switch (entry.kind()) {
                    case DIRECTORY -> {
                        Files.createDirectories(to);
                        directories.add(entry);
                    }
                    case FILE -> {
                        Files.createDirectories(to.getParent());
                        Files.copy(content, to, StandardCopyOption.REPLACE_EXISTING);
                        permissions(to, entry.mode(), 0644);
                    }
                    case SYMLINK -> {
                        Files.createDirectories(to.getParent());
                        Files.deleteIfExists(to);
                        Files.createSymbolicLink(to, Path.of(entry.linkTarget()));
                    }
                    case HARDLINK -> {
                        Files.createDirectories(to.getParent());
                        Files.copy(inside(root, stripped(entry.linkTarget(), strip)), to, StandardCopyOption.REPLACE_EXISTING);
                    }
                    case OTHER -> throw new IllegalStateException("checked before extracting");
                }
            });
            // Directories last: a read-only one would refuse the files inside it.
            for (Entry dir : directories) permissions(inside(root, stripped(dir.name(), strip)), dir.mode(), 0755);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ArchiveException a) throw a;
            throw corrupt(shown, format, e);
        }
    }

    private static EntryReader reader(Path archive, String format) {
        return switch (format) {
            case ".tar.gz", ".tgz" -> each -> {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
                    readTar(in, each);
                }
            };
            case ".tar" -> each -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                    readTar(in, each);
                }
            };
            case ".zip" -> each -> {
                try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                    for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                        try (InputStream content = zip.getInputStream(e)) {
                            if (e.isUnixSymlink()) {
                                each.visit(new Entry(e.getName(), Kind.SYMLINK,
                                        new String(content.readAllBytes(), StandardCharsets.UTF_8), 0), InputStream.nullInputStream());
                            } else {
                                each.visit(new Entry(e.getName(), e.isDirectory() ? Kind.DIRECTORY : Kind.FILE, null,
                                        e.getUnixMode() & 07777), content);
                            }
                        }
                    }
                }
            };
            default -> throw new ArchiveException("db.archive: cannot extract '" + format + "'; formats: "
                    + io.faultline.config.ArchiveConfig.FORMATS);
        };
    }

    private static void readTar(InputStream in, EntryVisitor each) throws IOException {
        try (ArchiveInputStream<TarArchiveEntry> tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Kind kind = e.isDirectory() ? Kind.DIRECTORY : e.isSymbolicLink() ? Kind.SYMLINK : e.isLink() ? Kind.HARDLINK
                        : e.isFile() ? Kind.FILE : Kind.OTHER;
                each.visit(new Entry(e.getName(), kind, e.getLinkName(), e.getMode() & 07777), tar);
            }
        }
    }

    /** The one folder every entry sits in, to strip; null when there is none (a file or a second name at the top). */
    private static String commonFolder(List<Entry> entries) {
        String common = null;
        boolean nested = false;
        for (Entry entry : entries) {
            String name = trimmed(entry.name());
            if (name.isEmpty()) continue;
            int slash = name.indexOf('/');
            String first = slash < 0 ? name : name.substring(0, slash);
            if (common == null) common = first;
            else if (!common.equals(first)) return null;
            if (slash >= 0) nested = true;
            else if (entry.kind() != Kind.DIRECTORY) return null;
        }
        return nested ? common : null;
    }

    private static void check(Entry entry, String strip, Path root, String shown) {
        String raw = entry.name();
        if (raw.startsWith("/") || raw.startsWith("\\") || raw.matches("^[A-Za-z]:.*")) {
            throw outside(shown, raw, "is an absolute path");
        }
        String name = stripped(raw, strip);
        if (name.isEmpty()) return;
        Path to = inside(root, name);
        if (to == null) throw outside(shown, raw, "would land outside " + root);
        switch (entry.kind()) {
            case SYMLINK -> {
                String link = entry.linkTarget();
                if (link == null || link.isEmpty() || link.startsWith("/")) {
                    throw outside(shown, raw, "is a link to " + (link == null || link.isEmpty() ? "nothing" : "the absolute path " + link));
                }
                Path resolved = to.getParent().resolve(link).normalize();
                if (!resolved.startsWith(root)) throw outside(shown, raw, "links to " + link + ", outside " + root);
            }
            case HARDLINK -> {
                String link = entry.linkTarget();
                if (link == null || link.startsWith("/") || inside(root, stripped(link, strip)) == null) {
                    throw outside(shown, raw, "is a hard link to " + link + ", outside " + root);
                }
            }
            case OTHER -> throw new ArchiveException("db.archive: " + shown + ": entry '" + raw
                    + "' is neither a file, a directory nor a link (a device or pipe); refusing the archive");
            default -> {
            }
        }
    }

    /** The path the name lands on, or null for the stripped folder itself; outside the root counts as null too. */
    private static Path inside(Path root, String name) {
        if (name.isEmpty()) return null;
        Path to = root.resolve(name).normalize();
        return to.startsWith(root) && !to.equals(root) ? to : null;
    }

    private static String stripped(String name, String strip) {
        String trimmed = trimmed(name);
        if (strip == null) return trimmed;
        if (trimmed.equals(strip)) return "";
        return trimmed.startsWith(strip + "/") ? trimmed.substring(strip.length() + 1) : trimmed;
    }

    /** Without a leading {@code ./} or a trailing slash. */
    private static String trimmed(String name) {
        String n = name;
        while (n.startsWith("./")) n = n.substring(2);
        while (n.endsWith("/")) n = n.substring(0, n.length() - 1);
        return n.equals(".") ? "" : n;
    }

    private static void permissions(Path file, int mode, int dflt) throws IOException {
        int m = mode == 0 ? dflt : mode;
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) if ((m & (1 << bit)) != 0) perms.add(order[bit]);
        // The agent must still reach what it extracted, whatever the archive says.
        perms.add(PosixFilePermission.OWNER_READ);
        perms.add(PosixFilePermission.OWNER_WRITE);
        if (Files.isDirectory(file)) perms.add(PosixFilePermission.OWNER_EXECUTE);
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to keep.
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }

    private static ArchiveException outside(String shown, String name, String why) {
        return new ArchiveException("db.archive: " + shown + ": entry '" + name + "' " + why + "; refusing the archive");
    }

    private static ArchiveException corrupt(String shown, String format, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new ArchiveException("db.archive: " + shown + " is not a readable " + format + " archive (" + cause.getMessage()
                + "); the download may be truncated or the URL may serve something else");
    }

}
