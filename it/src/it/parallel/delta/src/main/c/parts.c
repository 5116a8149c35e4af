int delta_part1(int n); int delta_part2(int n); int delta_part3(int n);
int delta_part(int n) { return delta_part1(n) + delta_part2(n) + delta_part3(n); }
