package org.largelr.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.DoubleColumnType;

import org.largelr.api.Columns;

/**
 * A sweep table as one Parquet file and back, column for column: double, int, long and string columns become
 * DOUBLE, INT32, INT64 and UTF-8 strings, every value required except in the columns of
 * {@link Columns#MAY_BE_MISSING}: optional there, a missing value (one that does not apply) written as a null and
 * read back as missing, so a table read back equals the one written bit for bit. The local {@code .parquet} output
 * writes the same schema. Any Hadoop-compatible path; Spark reads the files as they are.
 */
final class ParquetTables {
    /** The key of the file metadata that says which grid a file's rows belong to. */
    static final String FINGERPRINT = "largelr.fingerprint";

    private ParquetTables() {}

    static MessageType schema(Table t) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column<?> c : t.columns()) {
            if (c instanceof DoubleColumn) (Columns.MAY_BE_MISSING.contains(c.name()) ? b.optional(PrimitiveTypeName.DOUBLE)
                    : b.required(PrimitiveTypeName.DOUBLE)).named(c.name());
            else if (c instanceof IntColumn) b.required(PrimitiveTypeName.INT32).named(c.name());
            else if (c instanceof LongColumn) b.required(PrimitiveTypeName.INT64).named(c.name());
            else if (c instanceof StringColumn)
                b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            else throw new IllegalArgumentException("column " + c.name() + " of type " + c.type() + " has no Parquet form here");
        }
        return b.named("sweep");
    }

    /** Writes {@code t} to a new file {@code file} (which must not exist), with {@code meta} in its footer. */
    static void write(Table t, Path file, Configuration conf, Map<String, String> meta) throws IOException {
        MessageType schema = schema(t);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        List<Column<?>> cols = t.columns();
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf)).withConf(conf)
                .withType(schema).withExtraMetaData(meta).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE).build()) {
            for (int r = 0; r < t.rowCount(); r++) {
                Group g = groups.newGroup();
                for (int c = 0; c < cols.size(); c++) {
                    Column<?> col = cols.get(c);
                    if (col.isMissing(r)) continue;   // a null (the schema allows one only where Columns does)
                    if (col instanceof DoubleColumn d) g.add(c, d.getDouble(r));
                    else if (col instanceof IntColumn i) g.add(c, i.getInt(r));
                    else if (col instanceof LongColumn l) g.add(c, l.getLong(r));
                    else g.add(c, ((StringColumn) col).get(r));
                }
                w.write(g);
            }
        }
    }

    /**
     * True when {@code file} is a whole part of this grid: a readable footer (a file cut short has none), the
     * grid's fingerprint, these column names and {@code rows} rows.
     */
    static boolean isWhole(Path file, Configuration conf, String fingerprint, List<String> columns, long rows) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            var meta = r.getFooter().getFileMetaData();
            List<String> names = meta.getSchema().getFields().stream().map(Type::getName).toList();
            return fingerprint.equals(meta.getKeyValueMetaData().get(FINGERPRINT)) && names.equals(columns)
                    && r.getRecordCount() == rows;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads the files, in the order given, into one table named {@code name}. */
    static Table read(List<Path> files, Configuration conf, String name) throws IOException {
        Table out = null;
        for (Path f : files) {
            Table t = read(f, conf, name);
            out = out == null ? t : out.append(t);
        }
        return out;
    }

    private static Table read(Path file, Configuration conf, String name) throws IOException {
        MessageType schema;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            schema = r.getFooter().getFileMetaData().getSchema();
        }
        List<Type> fields = schema.getFields();
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) values.add(new ArrayList<>());
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
            for (Group g; (g = r.read()) != null; )
                for (int c = 0; c < fields.size(); c++)
                    values.get(c).add(g.getFieldRepetitionCount(c) == 0 ? null   // a null: missing
                            : switch (fields.get(c).asPrimitiveType().getPrimitiveTypeName()) {
                        case DOUBLE -> g.getDouble(c, 0);
                        case INT32 -> g.getInteger(c, 0);
                        case INT64 -> g.getLong(c, 0);
                        default -> g.getString(c, 0);
                    });
        }
        Table t = Table.create(name);
        for (int c = 0; c < fields.size(); c++) {
            String n = fields.get(c).getName();
            List<Object> v = values.get(c);
            t.addColumns(switch (fields.get(c).asPrimitiveType().getPrimitiveTypeName()) {
                case DOUBLE -> DoubleColumn.create(n, v.stream().mapToDouble(o -> o == null ? DoubleColumnType.missingValueIndicator()
                        : (Double) o).toArray());
                case INT32 -> IntColumn.create(n, v.stream().mapToInt(o -> (Integer) o).toArray());
                case INT64 -> LongColumn.create(n, v.stream().mapToLong(o -> (Long) o).toArray());
                default -> StringColumn.create(n, v.stream().map(o -> (String) o).toList());
            });
        }
        return t;
    }
}
