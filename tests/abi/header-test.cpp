// The public headers must be usable from C++.
#include <gmc/gmc.h>

int main()
{
	return gmc_asic_count() > 0 ? 0 : 1;
}
