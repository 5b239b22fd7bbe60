package org.largelr.sweep;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * One Parquet file of sweep rows, in the layout parquet-java's version-1 writer gives such a table: row groups of
 * {@link #GROUP_ROWS} rows, one uncompressed data page per column and group; doubles and integers PLAIN, labels
 * (CATEGORY columns) dictionary-encoded, a missing value a null of an optional DOUBLE column. The file structures
 * (page headers, footer) are parquet-format's Thrift classes, the same that read the footers back on resume.
 *
 * <p>Why not parquet-java's {@code ParquetWriter}: for the rows of a sweep it loaded about 1,600 classes more than
 * a CSV (its column writers for every type, shaded Jackson and fastutil) and hashed every double for a dictionary
 * it then dropped; a one-row sweep cost 1 CPU second more than to CSV (see docs/benchmarks.md).
 *
 * <p>Written with java.io (never an NIO channel, which an interrupt closes); {@link #finish} syncs the file.
 */
final class PartFile {
    /** Rows per row group: 25 columns of doubles are about 13 MB in memory. */
    static final int GROUP_ROWS = 1 << 16;
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final List<Column> columns;
    private final FileOutputStream file;
    private final double[][] values;   // [column][row of the group]
    private final byte[][][] labels;   // [column][label] as UTF-8, CATEGORY columns only
    private final List<RowGroup> groups = new ArrayList<>();
    private ByteBuffer page = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long position, rows;
    private int groupRows;

    PartFile(Path path, List<Column> columns) throws IOException {
        this.columns = columns;
        this.values = new double[columns.size()][GROUP_ROWS];
        this.labels = new byte[columns.size()][][];
        for (int c = 0; c < columns.size(); c++) labels[c] = columns.get(c).labelBytes();
        file = new FileOutputStream(path.toFile());
        put(MAGIC, MAGIC.length);
    }

    /** Adds a row (values in column order). */
    void write(double[] row) throws IOException {
        for (int c = 0; c < row.length; c++) values[c][groupRows] = row[c];
        rows++;
        if (++groupRows == GROUP_ROWS) writeGroup();
    }

    long rows() {
        return rows;
    }

    /** Writes what is left, the footer with {@code meta} as key-value metadata, syncs and closes the file. */
    void finish(Map<String, String> meta) throws IOException {
        if (groupRows > 0) writeGroup();
        FileMetaData md = new FileMetaData(1, schema(columns), rows, groups);
        List<KeyValue> kv = new ArrayList<>();
        for (Map.Entry<String, String> e : meta.entrySet()) kv.add(new KeyValue(e.getKey()).setValue(e.getValue()));
        md.setKey_value_metadata(kv);
        md.setCreated_by("largelr");
        ByteArrayOutputStream footer = new ByteArrayOutputStream(4096);
        Util.writeFileMetaData(md, footer);
        put(footer.toByteArray(), footer.size());
        page.clear();
        page.putInt(footer.size()).put(MAGIC);
        put(page.array(), page.position());
        file.getFD().sync();
        file.close();
    }

    /** Closes the file as it is (it is deleted by the caller). */
    void abandon() {
        try {
            file.close();
        } catch (IOException ignored) {
            // the first error is the one reported
        }
    }

    /** The footer's schema of these columns: the Spark runner's types (see {@code ParquetTables}). */
    static List<SchemaElement> schema(List<Column> columns) {
        List<SchemaElement> s = new ArrayList<>();
        s.add(new SchemaElement("sweep").setNum_children(columns.size()));
        for (Column c : columns) {
            SchemaElement e = new SchemaElement(c.name()).setType(type(c))
                    .setRepetition_type(c.mayBeMissing() ? FieldRepetitionType.OPTIONAL : FieldRepetitionType.REQUIRED);
            if (c.kind() == Column.Kind.CATEGORY)
                e.setConverted_type(ConvertedType.UTF8).setLogicalType(LogicalType.STRING(new StringType()));
            s.add(e);
        }
        return s;
    }

    private static Type type(Column c) {
        return switch (c.kind()) {
            case DOUBLE -> Type.DOUBLE;
            case INTEGER -> c.wide() ? Type.INT64 : Type.INT32;
            case CATEGORY -> Type.BYTE_ARRAY;
        };
    }

    private void writeGroup() throws IOException {
        long start = position;
        List<ColumnChunk> chunks = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) chunks.add(writeChunk(c));
        RowGroup g = new RowGroup(chunks, position - start, groupRows);
        g.setFile_offset(start).setTotal_compressed_size(position - start);
        groups.add(g);
        groupRows = 0;
    }

    private ColumnChunk writeChunk(int c) throws IOException {
        Column col = columns.get(c);
        double[] v = values[c];
        int n = groupRows;
        long start = position, dictionaryAt = -1;
        List<Encoding> encodings = new ArrayList<>();
        Encoding encoding;
        if (col.kind() == Column.Kind.CATEGORY) {
            dictionaryAt = position;
            long size = 0;
            for (byte[] l : labels[c]) size += 4 + l.length;
            page(size);
            for (byte[] l : labels[c]) page.putInt(l.length).put(l);
            writePage(new PageHeader(PageType.DICTIONARY_PAGE, page.position(), page.position())
                    .setDictionary_page_header(new DictionaryPageHeader(labels[c].length, Encoding.PLAIN_DICTIONARY)));
            encoding = Encoding.PLAIN_DICTIONARY;
            page(1 + 8L * n);   // a run of indices: at most 3 + 4 bytes a row
            int width = Math.max(1, 32 - Integer.numberOfLeadingZeros(labels[c].length - 1));
            page.put((byte) width);
            runs(v, n, width);
        } else {
            encoding = Encoding.PLAIN;
            page(8L * n + (col.mayBeMissing() ? 8 + 2L * n : 0));   // a level run: at most 2 bytes a row
            if (col.mayBeMissing()) {
                encodings.add(Encoding.RLE);
                int at = page.position();
                page.putInt(0);   // the levels' length, set below
                definitionLevels(col, v, n);
                page.putInt(at, page.position() - at - 4);
            }
            if (col.kind() == Column.Kind.DOUBLE) {
                for (int i = 0; i < n; i++) if (!col.missing(v[i])) page.putDouble(v[i]);
            } else if (col.wide()) {
                for (int i = 0; i < n; i++) page.putLong((long) v[i]);
            } else {
                for (int i = 0; i < n; i++) page.putInt((int) v[i]);
            }
        }
        encodings.add(0, encoding);
        long dataAt = position;
        writePage(new PageHeader(PageType.DATA_PAGE, page.position(), page.position())
                .setData_page_header(new DataPageHeader(n, encoding, Encoding.RLE, Encoding.RLE)));
        ColumnMetaData md = new ColumnMetaData(type(col), encodings, List.of(col.name()), CompressionCodec.UNCOMPRESSED,
                n, position - start, position - start, dataAt);
        if (dictionaryAt >= 0) md.setDictionary_page_offset(dictionaryAt);
        ColumnChunk chunk = new ColumnChunk(start);
        chunk.setMeta_data(md);
        return chunk;
    }

    /** Definition levels (1 present, 0 null) as runs of the RLE hybrid, bit width 1. */
    private void definitionLevels(Column col, double[] v, int n) {
        for (int i = 0; i < n; ) {
            boolean missing = col.missing(v[i]);
            int j = i + 1;
            while (j < n && col.missing(v[j]) == missing) j++;
            varint((long) (j - i) << 1);
            page.put((byte) (missing ? 0 : 1));
            i = j;
        }
    }

    /** Dictionary indices {@code (int) v[i]} as runs of the RLE hybrid, {@code width} bits each (at most 32). */
    private void runs(double[] v, int n, int width) {
        int bytes = (width + 7) / 8;
        for (int i = 0; i < n; ) {
            int x = (int) v[i], j = i + 1;
            while (j < n && (int) v[j] == x) j++;
            varint((long) (j - i) << 1);
            for (int b = 0; b < bytes; b++) page.put((byte) (x >>> (8 * b)));
            i = j;
        }
    }

    private void varint(long x) {
        while ((x & ~0x7FL) != 0) {
            page.put((byte) ((x & 0x7F) | 0x80));
            x >>>= 7;
        }
        page.put((byte) x);
    }

    /** Clears the page buffer, with room for at least {@code bytes}. */
    private void page(long bytes) {
        if (bytes > Integer.MAX_VALUE - 64) throw new IllegalStateException("a page of " + bytes + " bytes");
        if (page.capacity() < bytes) page = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        page.clear();
    }

    /** Writes a page header and then the page buffer's contents. */
    private void writePage(PageHeader header) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream(64);
        Util.writePageHeader(header, h);
        put(h.toByteArray(), h.size());
        put(page.array(), page.position());
    }

    private void put(byte[] b, int n) throws IOException {
        file.write(b, 0, n);
        position += n;
    }
}
