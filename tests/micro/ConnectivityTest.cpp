#include <gtest/gtest.h>

#include "ssbsim/micro/Connectivity.h"
