#include "ssbsim/micro/Connectivity.h"
