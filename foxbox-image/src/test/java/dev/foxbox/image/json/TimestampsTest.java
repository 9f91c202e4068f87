package dev.foxbox.image.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick RFC 3339 reader and writer give exactly what java.time gives. */
class TimestampsTest {

    @Test
    void formatsAsInstantToStringDoes() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong() % 253_402_300_799L; // years 0000 to 9999 (and before 1970)
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(Math.abs(seconds), nano);
            assertEquals(t.toString(), Timestamps.format(t));
        }
        for (Instant t : List.of(Instant.EPOCH, Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-01T00:00:00.5Z"),
                Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"))) {
            assertEquals(t.toString(), Timestamps.format(t));
        }
    }

    @Test
    void countsEveryDayAsJavaTimeDoes() {
        // Every day of four centuries either side of 1970 (leap years, 1900 and 2000 among them), then
        // random times over the whole range of four-digit years, before 1970 too.
        for (long day = -146_097; day <= 146_097; day++) {
            Instant t = Instant.ofEpochSecond(day * 86_400 + 86_399);
            assertEquals(t.toString(), Timestamps.format(t));
            assertEquals(t, Timestamps.parse(t.toString()));
        }
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            long seconds = -62_167_219_200L + Math.floorMod(random.nextLong(), 253_402_300_799L + 62_167_219_200L + 1);
            Instant t = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            assertEquals(t.toString(), Timestamps.format(t));
            assertEquals(t, Timestamps.parse(t.toString()));
        }
    }

    @Test
    void parsesAsOffsetDateTimeDoes() {
        for (String text : List.of("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123456789Z", "2024-05-01T12:00:00.5+02:00",
                "1999-12-31T23:59:59-05:30", "2024-02-29T00:00:00Z", "0001-01-01T00:00:00.000001Z",
                "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2100-02-29T12:00:00Z", "1600-02-29T00:00:00Z",
                "0000-01-01T00:00:00Z", "0000-02-29T00:00:00+01:00", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59.999Z",
                "2024-04-31T00:00:00Z", "2024-06-30T00:00:00Z", "2024-00-10T00:00:00Z", "2024-05-00T00:00:00Z",
                "2024-05-01t12:00:00z", "2024-05-01T12:00:00+05:30:15", "2024-05-01T12:00Z", "2024-05-01T12:00:00.Z")) {
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                assertThrows(DateTimeException.class, () -> Timestamps.parse(text), text);
                continue;
            }
            assertEquals(expected, Timestamps.parse(text), text);
        }
        Random random = new Random(2);
        for (int i = 0; i < 5_000; i++) {
            Instant t = Instant.ofEpochSecond(Math.abs(random.nextLong() % 253_402_300_799L), random.nextInt(1_000_000_000));
            assertEquals(t, Timestamps.parse(t.toString()));
        }
    }

    @Test
    void refusesWhatIsNotATimeAsJavaTimeDoes() {
        for (String text : List.of("", "yesterday", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-05-01T24:00:00Z",
                "2024-05-01T12:00:60Z", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00",
                "2024-05-01T12:00:00+19:00", "２０２４-05-01T12:00:00Z")) {
            assertThrows(DateTimeException.class, () -> Timestamps.parse(text), text);
        }
    }
}
