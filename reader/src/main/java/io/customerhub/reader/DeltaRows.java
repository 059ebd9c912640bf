package io.customerhub.reader;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the rows of one Delta table snapshot with Delta Kernel as plain Java maps. The predicate
 * lets Kernel skip files by their statistics; rows are then tested exactly by {@code keep}.
 */
final class DeltaRows {

    private DeltaRows() {
    }

    static List<Map<String, Object>> read(Engine engine, Snapshot snapshot, Optional<Predicate> skipFiles,
                                          java.util.function.Predicate<Map<String, Object>> keep) {
        ScanBuilder builder = snapshot.getScanBuilder();
        if (skipFiles.isPresent()) {
            builder = builder.withFilter(skipFiles.get());
        }
        Scan scan = builder.build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<Map<String, Object>> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                    while (scanFiles.hasNext()) {
                        Row scanFile = scanFiles.next();
                        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
                            while (logical.hasNext()) {
                                try (CloseableIterator<Row> rows = logical.next().getRows()) {
                                    while (rows.hasNext()) {
                                        Map<String, Object> row = toMap(rows.next());
                                        if (keep.test(row)) {
                                            out.add(row);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Map<String, Object> toMap(Row row) {
        StructType schema = row.getSchema();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < schema.length(); i++) {
            StructField field = schema.at(i);
            values.put(field.getName(), row.isNullAt(i) ? null : value(row, i, field.getDataType()));
        }
        return Collections.unmodifiableMap(values);
    }

    private static Object value(Row row, int i, DataType type) {
        if (type instanceof StringType) {
            return row.getString(i);
        } else if (type instanceof LongType) {
            return row.getLong(i);
        } else if (type instanceof IntegerType) {
            return row.getInt(i);
        } else if (type instanceof ShortType) {
            return row.getShort(i);
        } else if (type instanceof ByteType) {
            return row.getByte(i);
        } else if (type instanceof BooleanType) {
            return row.getBoolean(i);
        } else if (type instanceof DoubleType) {
            return row.getDouble(i);
        } else if (type instanceof FloatType) {
            return row.getFloat(i);
        } else if (type instanceof DecimalType) {
            return row.getDecimal(i);
        } else if (type instanceof DateType) {
            return LocalDate.ofEpochDay(row.getInt(i));
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return micros(row.getLong(i));
        } else if (type instanceof ArrayType) {
            return list(row.getArray(i).getElements(), ((ArrayType) type).getElementType());
        } else if (type instanceof MapType map) {
            MapValue value = row.getMap(i);
            List<Object> keys = list(value.getKeys(), map.getKeyType());
            List<Object> vals = list(value.getValues(), map.getValueType());
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                out.put(keys.get(k), vals.get(k));
            }
            return Collections.unmodifiableMap(out);
        } else if (type instanceof StructType) {
            return toMap(row.getStruct(i));
        }
        return String.valueOf(row.getBinary(i).length) + " bytes";
    }

    private static List<Object> list(ColumnVector vector, DataType type) {
        List<Object> out = new ArrayList<>(vector.getSize());
        for (int i = 0; i < vector.getSize(); i++) {
            out.add(vector.isNullAt(i) ? null : element(vector, i, type));
        }
        return Collections.unmodifiableList(out);
    }

    private static Object element(ColumnVector v, int i, DataType type) {
        if (type instanceof StringType) {
            return v.getString(i);
        } else if (type instanceof LongType) {
            return v.getLong(i);
        } else if (type instanceof IntegerType) {
            return v.getInt(i);
        } else if (type instanceof BooleanType) {
            return v.getBoolean(i);
        } else if (type instanceof DoubleType) {
            return v.getDouble(i);
        } else if (type instanceof DecimalType) {
            return v.getDecimal(i);
        } else if (type instanceof DateType) {
            return LocalDate.ofEpochDay(v.getInt(i));
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return micros(v.getLong(i));
        } else if (type instanceof ArrayType array) {
            ArrayValue nested = v.getArray(i);
            return list(nested.getElements(), array.getElementType());
        } else if (type instanceof StructType struct) {
            // A struct vector keeps one child vector per field: the golden table's lists of values with sources.
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int k = 0; k < struct.length(); k++) {
                ColumnVector child = v.getChild(k);
                fields.put(struct.at(k).getName(), child.isNullAt(i) ? null : element(child, i, struct.at(k).getDataType()));
            }
            return Collections.unmodifiableMap(fields);
        } else if (type instanceof MapType map) {
            MapValue value = v.getMap(i);
            List<Object> keys = list(value.getKeys(), map.getKeyType());
            List<Object> vals = list(value.getValues(), map.getValueType());
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                out.put(keys.get(k), vals.get(k));
            }
            return Collections.unmodifiableMap(out);
        }
        return String.valueOf(type); // rare nested types are named, not decoded
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
