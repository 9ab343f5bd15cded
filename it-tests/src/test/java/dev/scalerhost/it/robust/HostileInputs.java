package dev.scalerhost.it.robust;

import com.google.protobuf.UnknownFieldSet;
import dev.scalerhost.proto.ScaledObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random and adversarial trigger references, from one seed: serviceType names right, wrong, in odd
 * case or with stray characters; metadata maps from empty to hundreds of keys; unicode of every kind
 * (combining marks, right-to-left, emoji, NUL and control characters); overrides that are not numbers,
 * not finite or out of range; values up to tens of KiB; unknown protobuf fields.
 */
final class HostileInputs {

    private static final List<String> ODD_TEXT = List.of("", " ", "\u0000", "\t\n\r", "null", "undefined", "NaN",
            "-0", "Infinity", "-Infinity", "1e309", "-1e309", "0x10", "1_000", "٣", "１２", "\u202Eevil", "e\u0301",
            "😀😀", "\uD83D", "%s%n%d", "${HOME}", "${file:/etc/passwd}", "' OR 1=1 --", "<script>", "../../etc",
            "ＳＥＲＶＩＣＥ", "serviceType", "SERVICETYPE", "a".repeat(300));

    private final SplittableRandom random;
    private final List<String> serviceTypes;

    HostileInputs(long seed, List<String> serviceTypes) {
        this.random = new SplittableRandom(seed);
        this.serviceTypes = List.copyOf(serviceTypes);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A reference as KEDA might send it, or as a hostile client would. */
    ScaledObjectRef ref() {
        ScaledObjectRef.Builder ref = ScaledObjectRef.newBuilder()
                .setName(chance(0.8) ? "so-" + random.nextInt(1000) : text(64))
                .setNamespace(chance(0.8) ? "default" : text(64));
        if (chance(0.9)) {
            ref.putScalerMetadata("serviceType", serviceType());
        }
        if (chance(0.1)) {
            ref.putScalerMetadata("target", number());
        }
        if (chance(0.1)) {
            ref.putScalerMetadata("activation", number());
        }
        int extra = chance(0.02) ? 200 + random.nextInt(300) : random.nextInt(8);
        for (int i = 0; i < extra; i++) {
            ref.putScalerMetadata(chance(0.5) ? "key" + i : text(40), text(chance(0.01) ? 20_000 : 80));
        }
        if (chance(0.05)) {
            ref.setUnknownFields(UnknownFieldSet.newBuilder()
                    .addField(1000 + random.nextInt(1000), UnknownFieldSet.Field.newBuilder()
                            .addVarint(random.nextLong()).build())
                    .build());
        }
        return ref.build();
    }

    /** The metric name a GetMetrics call asks for: mostly the right one, sometimes not. */
    String metricName(ScaledObjectRef ref) {
        String serviceType = ref.getScalerMetadataOrDefault("serviceType", "");
        return switch (random.nextInt(6)) {
            case 0 -> text(40);
            case 1 -> serviceType.toUpperCase();
            case 2 -> "s0-" + serviceType;
            default -> serviceType;
        };
    }

    /** No deadline (KEDA's polling path), KEDA's 3 s, or one short enough to expire. */
    Optional<Duration> deadline() {
        int pick = random.nextInt(10);
        if (pick < 4) {
            return Optional.empty();
        }
        if (pick < 8) {
            return Optional.of(Duration.ofSeconds(3));
        }
        return Optional.of(Duration.ofNanos(1 + random.nextInt(2_000_000)));
    }

    private String serviceType() {
        String name = serviceTypes.get(random.nextInt(serviceTypes.size()));
        return switch (random.nextInt(10)) {
            case 0 -> name.toUpperCase();
            case 1 -> " " + name + " ";
            case 2 -> name + "\u0000";
            case 3 -> text(30);
            case 4 -> ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
            default -> name;
        };
    }

    private String number() {
        return switch (random.nextInt(4)) {
            case 0 -> Double.toString(random.nextDouble(-1e6, 1e6));
            case 1 -> Long.toString(random.nextLong());
            case 2 -> ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
            default -> Integer.toString(random.nextInt(100));
        };
    }

    /** Up to {@code maxLength} chars mixing ASCII, control characters, BMP and supplementary code points. */
    private String text(int maxLength) {
        if (chance(0.2)) {
            return ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
        }
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            int kind = random.nextInt(10);
            int codePoint;
            if (kind < 5) {
                codePoint = 0x20 + random.nextInt(0x5F);
            } else if (kind < 6) {
                codePoint = random.nextInt(0x20);
            } else if (kind < 8) {
                codePoint = 0xA0 + random.nextInt(0xD7FF - 0xA0);
            } else if (kind < 9) {
                codePoint = 0x10000 + random.nextInt(0x10FFFF - 0x10000);
            } else {
                codePoint = 0x0300 + random.nextInt(0x70);
            }
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }
}
