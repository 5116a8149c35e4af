/*
 * Plain Linux code: asks PulseAudio, SDL2 and the Vulkan loader for their versions. None of
 * these calls needs an audio server, a display or a GPU.
 *
 * This file is compiled without Wine's Windows macros. With them, Vulkan's headers would declare
 * VKAPI_CALL as ms_abi and every call into libvulkan would pass its arguments in the wrong
 * registers; SDL2's headers would look for <process.h>.
 */
#include <stdio.h>
#include <stdint.h>

#include <pulse/version.h>
#include <SDL.h>
#include <vulkan/vulkan.h>

#include "linuxlibs_unix.h"

static int written(int n, size_t size)
{
    return n < 0 || (size_t)n >= size ? -1 : n;
}

int linuxlibs_pulse_version(char *buf, size_t size)
{
    return written(snprintf(buf, size, "%s", pa_get_library_version()), size);
}

int linuxlibs_sdl_version(char *buf, size_t size)
{
    SDL_version linked;

    SDL_GetVersion(&linked);
    return written(snprintf(buf, size, "%u.%u.%u", linked.major, linked.minor, linked.patch), size);
}

int linuxlibs_vulkan_version(char *buf, size_t size)
{
    uint32_t version = 0;

    if (vkEnumerateInstanceVersion(&version) != VK_SUCCESS) return -1;
    return written(snprintf(buf, size, "%u.%u.%u", VK_VERSION_MAJOR(version), VK_VERSION_MINOR(version),
                            VK_VERSION_PATCH(version)), size);
}
