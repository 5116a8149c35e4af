package dev.winelib.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * The resources of one module, in directory order (type, name, language), one per type, name and
 * language: of several versions the highest is kept, as winebuild keeps it; the same version twice
 * is an error. Immutable.
 */
public final class ResourceTable {

    private static final ResourceTable EMPTY = new ResourceTable(List.of());

    private final List<Resource> resources;

    private ResourceTable(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static ResourceTable empty() {
        return EMPTY;
    }

    /** The table of resources read from any number of files, in any order. */
    public static ResourceTable of(List<Resource> all) throws ResourceException {
        List<Resource> sorted = new ArrayList<>(all);
        sorted.sort(Resource.ORDER);
        List<Resource> kept = new ArrayList<>();
        for (Resource r : sorted) {
            if (!kept.isEmpty()) {
                Resource previous = kept.get(kept.size() - 1);
                if (previous.type().equals(r.type()) && previous.name().equals(r.name())
                        && previous.language() == r.language()) {
                    if (previous.version() == r.version()) {
                        throw new ResourceException("duplicate resource " + r.describe() + " version "
                                + String.format("%08x", r.version()) + ": in " + previous.origin() + " and in "
                                + r.origin());
                    }
                    kept.set(kept.size() - 1, r);
                    continue;
                }
            }
            kept.add(r);
        }
        return new ResourceTable(kept);
    }

    /** The resources in directory order. */
    public List<Resource> resources() {
        return resources;
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }
}
