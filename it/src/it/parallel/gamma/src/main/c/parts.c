int gamma_part1(int n); int gamma_part2(int n); int gamma_part3(int n);
int gamma_part(int n) { return gamma_part1(n) + gamma_part2(n) + gamma_part3(n); }
