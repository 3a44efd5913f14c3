/*
 * devices.c -- the devices family: EnumDevices, the RAS-capable devices.
 */
#include "structs.h"

static const rasfield devinfo_fields[] = {
    RASFIELD(RASDEVINFOW, szDeviceType, "deviceType", RF_WSTR),
    RASFIELD(RASDEVINFOW, szDeviceName, "deviceName", RF_WSTR),
};
static const rasstruct devinfo_def = RASSTRUCT("RASDEVINFO", devinfo_fields);

const rasshape ras_devices_shapes[] = {
    RASSHAPE("RASDEVINFO", devinfo_def),
    { NULL, NULL, 0, NULL, 0 },
};

static DWORD
enum_devices(void *arg, void *buf, DWORD *cb, DWORD *count)
{
    (void)arg;
    return RasEnumDevicesW((LPRASDEVINFOW)buf, cb, count);
}

PyDoc_STRVAR(EnumDevices_doc,
             "EnumDevices($module, /)\n--\n\n"
             "The RAS-capable devices (RasEnumDevices): a list of dicts with\n"
             "'deviceType' (a RASDT_* value such as 'vpn', 'modem') and 'deviceName'.");

static PyObject *
ras_EnumDevices(PyObject *module, PyObject *args)
{
    DWORD count, rc;
    RASDEVINFOW *devs;
    PyObject *list;

    if (!PyArg_ParseTuple(args, ":EnumDevices")) {
        return NULL;
    }
    devs = rasconv_enum(enum_devices, NULL, sizeof(RASDEVINFOW), 1,
                        &rasmod_get_state(module)->hint_devices, &count, &rc);
    if (devs == NULL) {
        return PyErr_Occurred() ? NULL
                                : rasconv_raise(rasmod_get_state(module), "RasEnumDevices", rc);
    }
    list = rasstruct_list(&devinfo_def, devs, sizeof(RASDEVINFOW), count);
    PyMem_Free(devs);
    return list;
}

/* (hrasconn[, subEntry]) -> handle and sub-entry; format names the
 * function and says which form ("O:Name" or "OO:Name"). */

PyMethodDef ras_devices_methods[] = {
    METH(EnumDevices),
    { NULL, NULL, 0, NULL },
};
