package io.customerhub.jobs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Spreads each person over the silos: which silos know them, within-silo duplicates, consent
 * history, planted bad rows, and the truth line for every row written.
 */
final class SiloEmitter implements Closeable {

    private static final double WITHIN_SILO_DUPLICATE = 0.04;
    private static final double OPTED_IN = 0.55;
    /** Share of people whose most recent choice contradicts what the other silos hold. */
    private static final double CHANGED_MIND = 0.25;
    private static final long FIRST_UPDATE = LocalDateTime.of(2018, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_UPDATE = LocalDateTime.of(2025, 6, 30, 23, 59).toEpochSecond(ZoneOffset.UTC);
    private static final int REFERENCE_YEAR = 2025;

    private final Noise noise;
    private final RecordMaker maker;
    private final Map<SourceSystem, SiloWriter> writers;
    private final Map<SourceSystem, BadRowSchedule> schedules = new EnumMap<>(SourceSystem.class);
    private final Map<SourceSystem, Long> rows = new EnumMap<>(SourceSystem.class);
    private final Map<SourceSystem, Long> idCounters = new EnumMap<>(SourceSystem.class);
    private final List<BadRow> badRows = new ArrayList<>();
    private final Writer truth;

    SiloEmitter(Noise noise, Map<SourceSystem, SiloWriter> writers, Path truthFile, long people) throws IOException {
        this.noise = noise;
        this.maker = new RecordMaker(noise);
        this.writers = writers;
        for (SourceSystem source : SourceSystem.values()) {
            // Cautious on purpose: the first round of bad rows must fit in the rows really drawn.
            long expected = (long) (people * source.participation() * 0.8);
            schedules.put(source, new BadRowSchedule(source.badRowKinds(), expected));
            rows.put(source, 0L);
            idCounters.put(source, 0L);
        }
        this.truth = new BufferedWriter(Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8), 1 << 16);
        truth.write("source_system,source_id,person_id\n");
    }

    /** A silo row about to be written: which silo, its id and when the silo last changed it. */
    private record Planned(SourceSystem source, String id, LocalDateTime updatedAt, boolean staleCopy) {
    }

    void emit(Person person) throws IOException {
        List<Planned> planned = new ArrayList<>(4);
        String branchRef = null;
        for (SourceSystem source : SourceSystem.values()) {
            if (noise.chance(participation(source, person))) {
                branchRef = plan(planned, source, branchRef);
            }
        }
        if (planned.isEmpty()) {
            branchRef = plan(planned, SourceSystem.values()[noise.nextInt(SourceSystem.values().length)], null);
        }
        int latest = 0;
        for (int i = 1; i < planned.size(); i++) {
            if (planned.get(i).updatedAt().isAfter(planned.get(latest).updatedAt())) {
                latest = i;
            }
        }
        boolean optIn = noise.chance(OPTED_IN);
        boolean changedMind = planned.size() > 1 && noise.chance(CHANGED_MIND);
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            boolean consent = changedMind && i == latest ? !optIn : optIn;
            SiloRecord record = maker.make(p.source(), person, p.id(), p.updatedAt(), consent, branchRef, p.staleCopy());
            write(p.source(), person, record, consent, branchRef);
        }
    }

    private String plan(List<Planned> planned, SourceSystem source, String branchRef) {
        LocalDateTime updatedAt = LocalDateTime.ofEpochSecond(
                FIRST_UPDATE + Math.floorMod(noise.nextLong(), LAST_UPDATE - FIRST_UPDATE),
                0, ZoneOffset.UTC);
        String id = newId(source);
        planned.add(new Planned(source, id, updatedAt, false));
        if (noise.chance(WITHIN_SILO_DUPLICATE)) {
            // The forgotten older record of the same person in the same silo.
            planned.add(new Planned(source, newId(source), updatedAt.minusDays(200 + noise.nextInt(1500)), true));
        }
        return source == SourceSystem.BRANCH_CRM && branchRef == null ? id : branchRef;
    }

    private void write(SourceSystem source, Person person, SiloRecord record, boolean consent, String branchRef)
            throws IOException {
        BadRowKind kind = schedules.get(source).nextRow();
        if (kind == BadRowKind.EMPTY_SOURCE_ID) {
            record = record.withSourceId("");
        }
        if (kind == BadRowKind.DUPLICATE_SOURCE_ID) {
            // The same id again with other content: the second row is the bad one.
            writeRow(source, record, null);
            SiloRecord other = maker.make(source, person, record.sourceId(), record.updatedAt().plusDays(1), !consent,
                    branchRef, true);
            writeRow(source, other, kind);
        } else {
            writeRow(source, record, kind);
        }
    }

    private void writeRow(SourceSystem source, SiloRecord record, BadRowKind kind) throws IOException {
        writers.get(source).write(record, kind);
        long row = rows.merge(source, 1L, Long::sum);
        if (kind != null) {
            badRows.add(new BadRow(source, kind, row, record.sourceId()));
        }
        truth.append(source.systemName()).append(',').append(record.sourceId()).append(',')
                .append(record.personId()).append('\n');
    }

    private double participation(SourceSystem source, Person person) {
        if (source != SourceSystem.MOBILE_APP) {
            return source.participation();
        }
        int age = REFERENCE_YEAR - person.birthDate().getYear();
        return age < 45 ? 0.55 : age <= 65 ? 0.4 : 0.15;
    }

    private String newId(SourceSystem source) {
        long n = idCounters.merge(source, 1L, Long::sum);
        return switch (source) {
            case BRANCH_CRM -> Long.toString(1_000_000 + n);
            case CALL_CENTRE -> Texts.paddedId("CC", n, 7);
            case WEB_ACCOUNTS -> new UUID(noise.nextLong(), noise.nextLong()).toString();
            case MOBILE_APP -> Texts.paddedId("U", n, 9);
        };
    }

    Map<SourceSystem, Long> rows() {
        return Map.copyOf(rows);
    }

    List<BadRow> badRows() {
        return List.copyOf(badRows);
    }

    @Override
    public void close() throws IOException {
        truth.close();
    }
}
