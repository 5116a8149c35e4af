package dev.winelib.spec;

import java.util.List;

/**
 * Architecture flags of one entry and whether the entry is part of an x86_64 module. Shared by the unit test and
 * by the comparison with winebuild.
 *
 * @param flags the flags as written before the name
 * @param kept whether the entry stays (its architectures include x86_64, or it names none)
 */
record ArchCase(String flags, boolean kept) {

    @Override
    public String toString() {
        return flags + (kept ? " keeps the entry" : " drops the entry");
    }

    static List<ArchCase> all() {
        return List.of(
                new ArchCase("-arch=x86_64", true),
                new ArchCase("-arch=amd64", true),
                new ArchCase("-arch=win64", true),
                new ArchCase("-arch=!i386", true),
                new ArchCase("-arch=!arm,!arm64", true),
                new ArchCase("-arch=!aarch64", true),
                new ArchCase("-arch=i386,x86_64", true),
                new ArchCase("-arch=x86_64,i386", true),
                new ArchCase("-arch=win32,win64", true),
                new ArchCase("-arch=arm64,amd64", true),
                // cpu names are matched by prefix, as winebuild does
                new ArchCase("-arch=x86_64h", true),
                new ArchCase("-arch=amd64_v2", true),
                // an empty list names no architecture
                new ArchCase("-arch=", true),
                new ArchCase("-arch=,,", true),
                new ArchCase("-arch=,x86_64,", true),
                // several -arch flags add up
                new ArchCase("-arch=i386 -arch=x86_64", true),
                new ArchCase("-i386 -arch=win64", true),
                new ArchCase("-arch=!x86_64 -arch=x86_64", true),
                new ArchCase("-arch=win32 -arch=!arm", true),
                new ArchCase("-arch=!i386 -arch=!arm", true),
                new ArchCase("-arch=!x86_64,x86_64", true),

                new ArchCase("-arch=i386", false),
                new ArchCase("-arch=i486", false),
                new ArchCase("-arch=i586", false),
                new ArchCase("-arch=i686", false),
                new ArchCase("-arch=i786", false),
                new ArchCase("-arch=win32", false),
                new ArchCase("-arch=arm", false),
                new ArchCase("-arch=armv7a", false),
                new ArchCase("-arch=arm64", false),
                new ArchCase("-arch=aarch64", false),
                new ArchCase("-arch=arm64ec", false),
                new ArchCase("-arch=arm,arm64", false),
                new ArchCase("-arch=win32,arm64", false),
                new ArchCase("-arch=!x86_64", false),
                new ArchCase("-arch=!amd64", false),
                new ArchCase("-arch=!x86_64,!arm", false),
                new ArchCase("-arch=!x86_64 -arch=!i386", false),
                new ArchCase("-arch=!amd64 -arch=i386", false),
                new ArchCase("-arch=i386 -arch=arm64", false),
                new ArchCase("-i386", false),
                new ArchCase("-i386 -i386", false),
                new ArchCase("-i386 -arch=arm", false));
    }
}
