package dev.foxbox.runtime.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubordinateIdsTest {

    @TempDir
    Path dir;

    SubordinateIds ids(String subuid, String subgid) throws Exception {
        return new SubordinateIds(Files.writeString(dir.resolve("subuid"), subuid),
                Files.writeString(dir.resolve("subgid"), subgid), Path.of("/usr/bin/newuidmap"), Path.of("/usr/bin/newgidmap"));
    }

    @Test
    void withRangesTheUserIsRootAndTheRangeFollows() throws Exception {
        SubordinateIds.Decision d = ids("other:1:2\nfox:100000:65536\n", "1001:200000:1000\n").decide(1001, 1001, "fox");
        assertTrue(d.warning().isEmpty());
        assertEquals(List.of(new IdMap(0, 1001, 1), new IdMap(1, 100000, 65536)), d.mapping().uids());
        assertEquals(List.of(new IdMap(0, 1001, 1), new IdMap(1, 200000, 1000)), d.mapping().gids());
        assertTrue(d.mapping().usesIdMapTools());
        assertTrue(d.mapping().mapsManyIds());
        assertEquals(100999, d.mapping().hostUid(1000));
        assertTrue(d.mapping().mapsGid(5));
    }

    @Test
    void withoutRangesOneMappingAndAWarning() throws Exception {
        SubordinateIds.Decision d = ids("other:100000:65536\n", "").decide(1001, 1001, "fox");
        assertEquals(List.of(new IdMap(0, 1001, 1)), d.mapping().uids());
        assertFalse(d.mapping().usesIdMapTools());
        assertFalse(d.mapping().mapsManyIds());
        assertTrue(d.warning().orElseThrow().contains("images that need other users may break"));
    }

    @Test
    void rootMapsEveryIdToItself() throws Exception {
        SubordinateIds.Decision d = ids("", "").decide(0, 0, "root");
        assertEquals(List.of(new IdMap(0, 0, 4294967295L)), d.mapping().uids());
        assertFalse(d.mapping().usesIdMapTools());
    }
}
