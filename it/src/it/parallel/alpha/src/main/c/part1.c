int alpha_part1(int n) { return n * 1; }
