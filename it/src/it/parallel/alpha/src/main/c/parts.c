int alpha_part1(int n); int alpha_part2(int n); int alpha_part3(int n);
int alpha_part(int n) { return alpha_part1(n) + alpha_part2(n) + alpha_part3(n); }
