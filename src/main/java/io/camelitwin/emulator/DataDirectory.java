package io.camelitwin.emulator;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the emulator's world in a directory so that a demo survives a restart: {@code index.json} for clients,
 * iTwins, iModels and image metadata, and one file per blob or thumbnail rendition. Graphics repositories and
 * counters are not kept; the demo data recreates the repositories.
 */
final class DataDirectory {

    private record ITwinEntry(String id, String displayName, String number, String createdDateTime) {}

    private record ImageEntry(String id, String smallName, String largeName, String contentType) {}

    private record Index(
            Map<String, String> clients,
            List<ITwinEntry> iTwins,
            Map<String, List<String>> memberships,
            List<EmulatorState.IModel> iModels,
            Map<String, Map<String, IModelAccess>> iModelGrants,
            Map<String, ImageEntry> images,
            List<String> thumbnails) {}

    private final Path root;

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    boolean hasSavedState() {
        return Files.exists(root.resolve("index.json"));
    }

    void load(EmulatorState state, ImageStore images, ThumbnailStore thumbnails) throws IOException {
        Index index = Json.MAPPER.readValue(root.resolve("index.json").toFile(), new TypeReference<Index>() {});
        index.clients().forEach(state::addClient);
        for (ITwinEntry entry : index.iTwins()) {
            state.addITwin(new EmulatorState.ITwin(
                    entry.id(), entry.displayName(), entry.number(), Instant.parse(entry.createdDateTime())));
        }
        index.memberships().forEach((clientId, ids) -> ids.forEach(id -> state.addMember(id, clientId)));
        index.iModels().forEach(state::addIModel);
        index.iModelGrants()
                .forEach((iModelId, grants) ->
                        grants.forEach((clientId, access) -> state.grantIModel(iModelId, clientId, access)));
        for (Map.Entry<String, ImageEntry> entry : index.images().entrySet()) {
            ImageEntry image = entry.getValue();
            images.restore(
                    entry.getKey(),
                    new ImageStore.StoredImage(image.id(), image.smallName(), image.largeName()),
                    new ImageStore.Blob(
                            Files.readAllBytes(blobFile(ImageStore.SMALL_CONTAINER, image.smallName())),
                            image.contentType()),
                    new ImageStore.Blob(
                            Files.readAllBytes(blobFile(ImageStore.LARGE_CONTAINER, image.largeName())),
                            image.contentType()));
        }
        for (String iModelId : index.thumbnails()) {
            Map<ThumbnailSize, byte[]> renditions = new EnumMap<>(ThumbnailSize.class);
            for (ThumbnailSize size : ThumbnailSize.values()) {
                renditions.put(size, Files.readAllBytes(thumbnailFile(iModelId, size)));
            }
            thumbnails.restore(iModelId, renditions);
        }
    }

    /** Writes blobs first and the index last (atomically), so that the index never names a missing file. */
    synchronized void save(EmulatorState state, ImageStore images, ThumbnailStore thumbnails) {
        try {
            Set<Path> blobsInUse = new HashSet<>();
            Map<String, ImageEntry> imageEntries = new LinkedHashMap<>();
            for (Map.Entry<String, ImageStore.StoredImage> entry : images.all().entrySet()) {
                ImageStore.StoredImage image = entry.getValue();
                ImageStore.Blob small = images.blob(ImageStore.SMALL_CONTAINER, image.smallName())
                        .orElse(null);
                ImageStore.Blob large = images.blob(ImageStore.LARGE_CONTAINER, image.largeName())
                        .orElse(null);
                if (small == null || large == null) {
                    continue;
                }
                blobsInUse.add(writeOnce(blobFile(ImageStore.SMALL_CONTAINER, image.smallName()), small.bytes()));
                blobsInUse.add(writeOnce(blobFile(ImageStore.LARGE_CONTAINER, image.largeName()), large.bytes()));
                imageEntries.put(
                        entry.getKey(),
                        new ImageEntry(image.id(), image.smallName(), image.largeName(), large.contentType()));
            }
            deleteUnused(root.resolve("blobs"), blobsInUse);
            List<String> thumbnailIds = new ArrayList<>();
            for (Map.Entry<String, Map<ThumbnailSize, byte[]>> entry :
                    thumbnails.all().entrySet()) {
                for (Map.Entry<ThumbnailSize, byte[]> rendition :
                        entry.getValue().entrySet()) {
                    write(thumbnailFile(entry.getKey(), rendition.getKey()), rendition.getValue());
                }
                thumbnailIds.add(entry.getKey());
            }
            List<ITwinEntry> iTwins = state.iTwins().values().stream()
                    .map(t -> new ITwinEntry(
                            t.id(),
                            t.displayName(),
                            t.number(),
                            t.createdDateTime().toString()))
                    .toList();
            Map<String, List<String>> memberships = new LinkedHashMap<>();
            state.memberships().forEach((clientId, ids) -> memberships.put(clientId, List.copyOf(ids)));
            Index index = new Index(
                    state.clientSecrets(),
                    iTwins,
                    memberships,
                    List.copyOf(state.iModels().values()),
                    state.iModelGrants(),
                    imageEntries,
                    thumbnailIds);
            write(
                    root.resolve("index.json"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the emulator state to " + root, e);
        }
    }

    private Path blobFile(String container, String name) {
        return inside(root.resolve("blobs").resolve(container).resolve(name));
    }

    private Path thumbnailFile(String iModelId, ThumbnailSize size) {
        return inside(
                root.resolve("thumbnails").resolve(iModelId + "." + size.name().toLowerCase(Locale.ROOT) + ".png"));
    }

    /** Ids come from callers: none may lead a file outside the directory. */
    private Path inside(Path path) {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IllegalArgumentException("refusing a path outside the data directory: " + path);
        }
        return normalized;
    }

    /** Blob names are unique per upload, so an existing file already holds the right bytes. */
    private static Path writeOnce(Path file, byte[] bytes) throws IOException {
        if (!Files.exists(file)) {
            write(file, bytes);
        }
        return file;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteUnused(Path directory, Set<Path> inUse) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!inUse.contains(file)) {
                    Files.delete(file);
                }
            }
        }
    }
}
