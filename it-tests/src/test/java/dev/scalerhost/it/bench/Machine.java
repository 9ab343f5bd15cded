package dev.scalerhost.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** What a benchmark figure was measured on: printed with every report. */
final class Machine {

    private Machine() {
    }

    /** One line: date, cores, JDK, OS and the load average, which says how shared the machine was. */
    static String describe() {
        return String.format(Locale.ROOT, "date %s; %d cores; JDK %s (%s); %s %s; load average %s",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage());
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
