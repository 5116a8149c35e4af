int delta_part2(int n) { return n * 2; }
